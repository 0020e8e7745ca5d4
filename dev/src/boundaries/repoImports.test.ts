/**
 * The repository's import rules (see ./imports.ts) over every TypeScript file of every
 * workspace package: tests, benches and local tooling included.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  checkImports,
  importCircles,
  importSpecifiers,
  WorkspacePackage,
} from './imports';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'dist-types',
  'output',
  'coverage',
]);

function workspacePackages(): WorkspacePackage[] {
  const root = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
  );
  const dirs = (root.workspaces as string[]).flatMap(pattern =>
    pattern.endsWith('/*')
      ? fs
          .readdirSync(path.join(REPO_ROOT, pattern.slice(0, -2)), {
            withFileTypes: true,
          })
          .filter(e => e.isDirectory())
          .map(e => path.join(REPO_ROOT, pattern.slice(0, -2), e.name))
      : [path.join(REPO_ROOT, pattern)],
  );
  return dirs
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => {
      const pkg = JSON.parse(
        fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
      );
      const exports =
        pkg.exports && typeof pkg.exports === 'object'
          ? Object.keys(pkg.exports)
          : ['.'];
      return { name: pkg.name as string, dir, exports };
    });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.')
        ? []
        : sourceFiles(full);
    }
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [full]
      : [];
  });
}

/** The file a relative specifier names, as Node/TypeScript resolve it. */
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [
    base,
    ...['.ts', '.tsx'].map(ext => base + ext),
    ...['index.ts', 'index.tsx'].map(index => path.join(base, index)),
  ];
  return candidates.find(c => fs.existsSync(c) && fs.statSync(c).isFile());
}

const packages = workspacePackages();
const files = packages.flatMap(p => sourceFiles(p.dir));
const sources = new Map(files.map(f => [f, fs.readFileSync(f, 'utf8')]));
const relative = (file: string) => path.relative(REPO_ROOT, file);

describe('imports across the repository', () => {
  it('scans every workspace package', () => {
    expect(packages.map(p => p.name)).toEqual(
      expect.arrayContaining([
        '@prod-hardening/plugin-prod-hardening-backend',
        '@prod-hardening/rate-limiter',
        '@prod-hardening/dev-stack',
      ]),
    );
    expect(files.length).toBeGreaterThan(300);
  });

  it('imports other packages by name or an exported subpath, never by a path into them', () => {
    const violations = files.flatMap(file =>
      checkImports(file, importSpecifiers(sources.get(file)!), packages).map(
        v => `${relative(v.file)}: '${v.specifier}' ${v.reason}`,
      ),
    );
    expect(violations).toEqual([]);
  });

  it('has no import circles inside a package', () => {
    const graph = new Map(
      files.map(file => [
        file,
        importSpecifiers(sources.get(file)!)
          .filter(s => s.startsWith('.'))
          .map(s => resolveRelative(file, s))
          .filter((f): f is string => f !== undefined),
      ]),
    );
    expect(importCircles(graph).map(circle => circle.map(relative))).toEqual(
      [],
    );
  });
});
