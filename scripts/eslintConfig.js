/**
 * The repository's ESLint settings: Backstage's (`@backstage/cli/config/eslint-factory`)
 * with the few relaxations below, each with its reason. Every package's .eslintrc.js is
 * `require('<repo>/scripts/eslintConfig')(__dirname)`, with the package's own
 * `overrides` (each with its reason) as a second argument; `npm run lint` runs them all.
 */
const createConfig = require('@backstage/cli/config/eslint-factory');

module.exports = (dir, { overrides = [] } = {}) =>
  createConfig(dir, {
    rules: {
      // Prettier, the repository's formatter, lays a chained conditional out one
      // condition per line (`a ? x : b ? y : z`), which reads as a lookup table; the
      // rule cannot tell that chain from a ternary nested inside a branch.
      'no-nested-ternary': 'off',
    },
    tsRules: {
      // Module-level helpers may follow the code that calls them (files read top-down).
      // A use that would hit the temporal dead zone (same scope, run at once) is
      // still reported; TypeScript reports the rest.
      '@typescript-eslint/no-use-before-define': [
        'error',
        { functions: false, classes: false, variables: false, typedefs: false },
      ],
    },
    testRules: {
      // Tests of URL sanitising pass `javascript:` URLs on purpose.
      'no-script-url': 'off',
      // A setup step may assert what it built: a broken setup then fails every test
      // with its reason instead of an unrelated one.
      'jest/no-standalone-expect': [
        'error',
        { additionalTestBlockFunctions: ['beforeAll', 'beforeEach'] },
      ],
    },
    overrides: [
      {
        // Repository tooling (CLIs run by tsx from the checkout) and test helpers
        // (imported by tests only, not exported): never part of a production build,
        // so `__dirname` is the checkout and their dev dependencies are the right ones.
        files: ['src/cli/**', 'src/testUtils/**'],
        rules: {
          'no-restricted-syntax': 'off',
          '@backstage/no-undeclared-imports': 'off',
        },
      },
      ...overrides,
    ],
  });
