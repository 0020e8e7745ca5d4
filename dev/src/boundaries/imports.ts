/**
 * The import rules of the repository, as pure functions over file paths and source
 * text (the test that walks the repository is `repoImports.test.ts`):
 * - a relative import stays inside its own workspace package;
 * - another package is imported by its name or a subpath its package.json exports,
 *   never by a path into its `src/`;
 * - no import circles inside a package.
 */
import path from 'node:path';

const IMPORT_SPECIFIERS = [
  // import … from '…' / export … from '…' (also `import type`)
  /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
  // side-effect imports: import '…'
  /\bimport\s*['"]([^'"]+)['"]/g,
  // import('…'), require('…'), jest.mock('…')
  /\b(?:import|require|jest\.mock|jest\.requireActual)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** The module specifiers a TypeScript file imports, in order of appearance, without comments. */
export function importSpecifiers(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const found: Array<{ at: number; specifier: string }> = [];
  for (const pattern of IMPORT_SPECIFIERS) {
    for (const match of code.matchAll(pattern)) {
      found.push({ at: match.index ?? 0, specifier: match[1] });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(f => f.specifier);
}

export interface WorkspacePackage {
  name: string;
  /** Absolute directory. */
  dir: string;
  /** Subpaths of package.json `exports` (`.` for the main entry), e.g. `./bench`. */
  exports: string[];
}

export interface Violation {
  file: string;
  specifier: string;
  reason: string;
}

/** The package a file belongs to: the deepest package directory containing it. */
export function packageOf(
  file: string,
  packages: readonly WorkspacePackage[],
): WorkspacePackage | undefined {
  return packages
    .filter(p => file.startsWith(p.dir + path.sep))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
}

/** Rule violations of one file's imports. */
export function checkImports(
  file: string,
  specifiers: readonly string[],
  packages: readonly WorkspacePackage[],
): Violation[] {
  const own = packageOf(file, packages);
  const violations: Violation[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) {
      const target = path.resolve(path.dirname(file), specifier);
      if (own && !target.startsWith(own.dir + path.sep) && target !== own.dir) {
        violations.push({
          file,
          specifier,
          reason: `leaves ${own.name}: import the other package by its name`,
        });
      }
      continue;
    }
    const match = /^(@prod-hardening\/[^/]+)(?:\/(.+))?$/.exec(specifier);
    if (!match) continue;
    const [, name, subpath] = match;
    const target = packages.find(p => p.name === name);
    if (!target) {
      violations.push({
        file,
        specifier,
        reason: `${name} is not a workspace package`,
      });
      continue;
    }
    if (subpath && !target.exports.includes(`./${subpath}`)) {
      violations.push({
        file,
        specifier,
        reason: `${name} does not export ./${subpath} (package.json "exports")`,
      });
    }
  }
  return violations;
}

/**
 * The import circles of a graph (file -> files it imports): every strongly connected
 * component with more than one file, or a file importing itself. Tarjan's algorithm,
 * iterative so deep graphs do not overflow the stack.
 */
export function importCircles(
  graph: ReadonlyMap<string, readonly string[]>,
): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const circles: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; edge: number }> = [
      { node: root, edge: 0 },
    ];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++];
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(
          parent.node,
          Math.min(low.get(parent.node)!, low.get(frame.node)!),
        );
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = edges.includes(frame.node);
        if (component.length > 1 || selfImport) circles.push(component.sort());
      }
    }
  }
  return circles;
}
