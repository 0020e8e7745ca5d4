import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layering the guarded-action work relies on, read from the source: express's
 * Request stays in the router, and the guard module is in no import cycle.
 */
const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** The module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(source: string): string[] {
  const found = source.matchAll(
    /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm,
  );
  return [...found].map(m => m[1]);
}

/** The file a relative specifier names, or undefined for a package. */
function resolveRelative(
  from: string,
  spec: string,
  files: Set<string>,
): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(f =>
    files.has(f),
  );
}

/** Every import cycle as the list of files on it (relative to src). */
function importCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        cycles.push(stack.slice(stack.indexOf(next)));
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('layers', () => {
  const files = sourceFiles(SRC);
  const fileSet = new Set(files);
  const imports = new Map(
    files.map(f => [f, importsOf(readFileSync(f, 'utf8'))]),
  );

  it('finds the imports of a file, type-only and dynamic ones included', () => {
    expect(
      importsOf(
        [
          "import type { Request } from 'express';",
          "import express from 'express';",
          "import './side-effect';",
          "export { a } from '../a';",
          "const b = await import('./b');",
          "const c = require('c');",
        ].join('\n'),
      ),
    ).toEqual(['express', 'express', './side-effect', '../a', './b', 'c']);
  });

  it('keeps express out of the services: they take plain values', () => {
    const offenders = files
      .filter(f => relative(SRC, f).startsWith('services/'))
      .filter(f => imports.get(f)!.some(s => /^express(\/|$)/.test(s)))
      .map(f => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('puts the guard module and the router in no import cycle', () => {
    const graph = new Map(
      files.map(f => [
        f,
        imports
          .get(f)!
          .map(s => resolveRelative(f, s, fileSet))
          .filter((t): t is string => t !== undefined),
      ]),
    );
    const touching = importCycles(graph)
      .map(cycle => cycle.map(f => relative(SRC, f)))
      .filter(cycle =>
        cycle.some(
          f => f.startsWith('services/guard/') || f.startsWith('router/'),
        ),
      );
    expect(touching).toEqual([]);
  });
});
