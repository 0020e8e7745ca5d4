/**
 * `npm test`: every test of the repository in one run, ending with one summary line.
 *   0. a type check of the whole repository, a Prettier check of every TypeScript
 *      file and ESLint over every package (`backstage-cli repo lint`; settings in
 *      scripts/eslintConfig.js), counted as one test each;
 *   1. unit and integration tests (Jest through the Backstage CLI, all workspaces);
 *      integration tests start their own moto_server / redis-server on free ports;
 *   2. end-to-end tests (Playwright in Debian's Chromium against the real portal);
 *   3. the production build: packages/backend/Dockerfile's steps performed in a temp
 *      directory and the result started in production mode (minutes).
 *
 *   npm test -- [--skip-typecheck] [--skip-format] [--skip-lint] [--skip-unit] [--skip-e2e]
 *               [--skip-deploy]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPrerequisites } from './prerequisites';

const REPO_ROOT = resolve(__dirname, '..');

interface Tally {
  runner: string;
  passed: number;
  failed: number;
  skipped: number;
  /** The runner itself broke (suite failed to load, crash) beyond counted failures. */
  broken: number;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): number {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, CI: 'true', ...env },
  });
  return result.status ?? 1;
}

/** A check that passes or fails as a whole, counted as one test. */
function checkTally(runner: string, args: string[]): Tally {
  const status = run(process.execPath, args);
  return {
    runner,
    passed: status === 0 ? 1 : 0,
    failed: status === 0 ? 0 : 1,
    skipped: 0,
    broken: 0,
  };
}

/** Jest strips types without checking them: the compiler runs once over the whole repo. */
function typecheckTally(): Tally {
  const tsc = require.resolve('typescript/bin/tsc');
  return checkTally('type check (tsc)', [tsc, '--noEmit', '-p', '.']);
}

/** One code style for every TypeScript file: the repository's Prettier config. */
function formatTally(): Tally {
  const prettier = require.resolve('prettier/bin-prettier.js');
  return checkTally('format check (prettier)', [
    prettier,
    '--check',
    '--loglevel',
    'warn',
    '**/*.{ts,tsx}',
  ]);
}

/** Backstage's ESLint rules (scripts/eslintConfig.js) over every package with a `lint` script. */
function lintTally(): Tally {
  const cli = require.resolve('@backstage/cli/bin/backstage-cli');
  return checkTally('lint (eslint)', [cli, 'repo', 'lint']);
}

function jestTally(
  runner = 'unit + integration (jest)',
  paths: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Tally {
  const dir = mkdtempSync(join(tmpdir(), 'ph-jest-'));
  const outputFile = join(dir, 'results.json');
  const cli = require.resolve('@backstage/cli/bin/backstage-cli');
  const status = run(
    process.execPath,
    [
      cli,
      'repo',
      'test',
      '--ci',
      '--json',
      `--outputFile=${outputFile}`,
      ...paths,
    ],
    env,
  );
  const tally: Tally = {
    runner,
    passed: 0,
    failed: 0,
    skipped: 0,
    broken: 0,
  };
  if (!existsSync(outputFile)) {
    tally.broken = 1;
    return tally;
  }
  const results = JSON.parse(readFileSync(outputFile, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  tally.passed = results.numPassedTests;
  tally.failed = results.numFailedTests;
  tally.skipped = results.numPendingTests + results.numTodoTests;
  // A suite that fails to load has no failing test but must still fail the run.
  tally.broken = results.testResults.filter(
    (r: any) =>
      r.status === 'failed' &&
      r.assertionResults.every((a: any) => a.status !== 'failed'),
  ).length;
  if (status !== 0 && tally.failed === 0 && tally.broken === 0)
    tally.broken = 1;
  return tally;
}

function playwrightTally(): Tally {
  const resultsFile = resolve(REPO_ROOT, 'e2e', 'output', 'results.json');
  rmSync(resultsFile, { force: true });
  const cli = require.resolve('@playwright/test/cli');
  const status = run(
    process.execPath,
    [cli, 'test', '-c', 'e2e/playwright.config.ts'],
    {
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    },
  );
  const tally: Tally = {
    runner: 'end-to-end (playwright)',
    passed: 0,
    failed: 0,
    skipped: 0,
    broken: 0,
  };
  if (!existsSync(resultsFile)) {
    tally.broken = 1;
    return tally;
  }
  const { stats, errors } = JSON.parse(readFileSync(resultsFile, 'utf8'));
  tally.passed = stats.expected + stats.flaky;
  tally.failed = stats.unexpected;
  tally.skipped = stats.skipped;
  tally.broken = (errors ?? []).length;
  if (status !== 0 && tally.failed === 0 && tally.broken === 0)
    tally.broken = 1;
  return tally;
}

function main() {
  const { values } = parseArgs({
    options: {
      'skip-e2e': { type: 'boolean', default: false },
      'skip-unit': { type: 'boolean', default: false },
      'skip-typecheck': { type: 'boolean', default: false },
      'skip-format': { type: 'boolean', default: false },
      'skip-lint': { type: 'boolean', default: false },
      'skip-deploy': { type: 'boolean', default: false },
    },
  });
  const missing = checkPrerequisites({ browser: !values['skip-e2e'] });
  if (missing.length) {
    for (const line of missing) process.stderr.write(`${line}\n`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  }

  const tallies: Tally[] = [];
  if (!values['skip-typecheck']) tallies.push(typecheckTally());
  if (!values['skip-format']) tallies.push(formatTally());
  if (!values['skip-lint']) tallies.push(lintTally());
  if (!values['skip-unit']) tallies.push(jestTally());
  if (!values['skip-e2e']) tallies.push(playwrightTally());
  if (!values['skip-deploy'])
    tallies.push(
      jestTally(
        'production build started (jest)',
        ['packages/backend/src/deploy/productionStart.test.ts'],
        { PROD_HARDENING_DEPLOY_TEST: '1' },
      ),
    );

  process.stdout.write('\nSummary\n');
  for (const t of tallies) {
    const broken = t.broken ? `, ${t.broken} suite(s) could not run` : '';
    process.stdout.write(
      `  ${t.runner}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${broken}\n`,
    );
  }
  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failed = tallies.reduce((n, t) => n + t.failed + t.broken, 0);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main();
