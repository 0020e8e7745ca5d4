import path from 'node:path';
import {
  checkImports,
  importCircles,
  importSpecifiers,
  WorkspacePackage,
} from './imports';

describe('importSpecifiers', () => {
  it('finds static, type-only, re-export, side-effect, dynamic and require imports, but not comments', () => {
    const source = [
      "import a from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "import './d';",
      "const e = await import('./e');",
      "const f = require('f');",
      "jest.mock('./g');",
      "// import z from './commented';",
      "/* import y from './block'; */",
      "const url = 'http://x/y'; import h from './h';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      './a',
      '../b',
      './c',
      './d',
      './e',
      'f',
      './g',
      './h',
    ]);
  });
});

describe('checkImports', () => {
  const root = path.resolve('/repo');
  const packages: WorkspacePackage[] = [
    {
      name: '@prod-hardening/lib',
      dir: `${root}/packages/lib`,
      exports: ['.', './contract'],
    },
    {
      name: '@prod-hardening/app',
      dir: `${root}/packages/app`,
      exports: ['.'],
    },
  ];
  const file = `${root}/packages/app/src/x/y.ts`;

  it('accepts relative imports inside the package and exported subpaths of others', () => {
    expect(
      checkImports(
        file,
        [
          '../z',
          './w',
          '@prod-hardening/lib',
          '@prod-hardening/lib/contract',
          'express',
        ],
        packages,
      ),
    ).toEqual([]);
  });

  it('refuses a relative path into another package, a path into src/ and an unexported subpath', () => {
    expect(
      checkImports(
        file,
        [
          '../../../lib/src/index',
          '@prod-hardening/lib/src/internal',
          '@prod-hardening/lib/local',
          '@prod-hardening/nope',
        ],
        packages,
      ).map(v => [v.specifier, v.reason]),
    ).toEqual([
      [
        '../../../lib/src/index',
        'leaves @prod-hardening/app: import the other package by its name',
      ],
      [
        '@prod-hardening/lib/src/internal',
        '@prod-hardening/lib does not export ./src/internal (package.json "exports")',
      ],
      [
        '@prod-hardening/lib/local',
        '@prod-hardening/lib does not export ./local (package.json "exports")',
      ],
      [
        '@prod-hardening/nope',
        '@prod-hardening/nope is not a workspace package',
      ],
    ]);
  });
});

describe('importCircles', () => {
  it('finds each circle once, with its files sorted, and ignores a chain without one', () => {
    const graph = new Map<string, string[]>([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', ['e']],
      ['e', []],
      ['f', ['f']],
      ['g', ['external-not-in-graph']],
    ]);
    expect(importCircles(graph)).toEqual([['a', 'b', 'c'], ['f']]);
  });

  it('finds none in a tree', () => {
    expect(
      importCircles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});
