import { MODULE_DIR } from '../src/paths';
import { initScratch, terraformAvailable } from '../src/terraformCli';
import {
  describeFailures,
  parseTestOutput,
  retargetTestFile,
  runBlocks,
  terraformTest,
  testFileNames,
} from '../src/terraformTest';

/**
 * production-hardening/tests/*.tftest.hcl state the module's properties in Terraform
 * itself: `terraform test` plans the module against the real AWS provider schema with a
 * mocked provider (no credentials, no network), once per run block.
 */
const { available, reason } = terraformAvailable();

// One terraform test of ~40 plans: ~40 s on two idle cores, more when CI runs every
// workspace's tests in parallel.
jest.setTimeout(600_000);

if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`terraform test skipped: ${reason}`);
}

(available ? describe : describe.skip)(
  available
    ? 'terraform test of production-hardening with a mocked AWS provider'
    : `terraform test (skipped: ${reason})`,
  () => {
    it('passes every run of tests/*.tftest.hcl', async () => {
      const scratch = await initScratch(MODULE_DIR);
      try {
        expect(scratch.init.code === 0 ? '' : scratch.init.stderr).toBe('');
        const report = await terraformTest(scratch.cwd, scratch.dataDir);
        expect(describeFailures(report)).toBe('');
        expect(Object.keys(report.files).sort()).toEqual(
          testFileNames(MODULE_DIR).map(name => `tests/${name}.tftest.hcl`),
        );
        expect(report.summary).toMatchObject({ failed: 0, errored: 0 });
        expect(report.summary?.passed).toBeGreaterThan(30);
      } finally {
        scratch.cleanup();
      }
    });
  },
);

describe('retargeting a test file at a mutated copy of the module', () => {
  const source = `mock_provider "aws" {
  source = "./tests/mocks"
}

run "first" {
  command = plan

  assert {
    condition     = true
    error_message = "first"
  }
}

run "second" {
  command = plan
}
`;

  it('finds the top-level run blocks by name', () => {
    expect([...runBlocks(source).keys()]).toEqual(['first', 'second']);
  });

  it('points the kept runs at the copy and drops the others', () => {
    const retargeted = retargetTestFile(source, './m3', ['second']);
    expect(retargeted).toContain(
      'run "second" {\n  module {\n    source = "./m3"\n  }\n\n  command = plan\n}',
    );
    expect(retargeted).not.toContain('run "first"');
    expect(retargeted).toContain('mock_provider "aws"');
  });

  it('refuses a run the file does not have', () => {
    expect(() => retargetTestFile(source, './m3', ['third'])).toThrow(
      /no run "third"/,
    );
  });
});

describe('reading terraform test -json output', () => {
  it('groups run statuses and assertion messages by test file', () => {
    const lines = [
      {
        type: 'test_run',
        '@testfile': 'tests/a.tftest.hcl',
        '@testrun': 'x',
        test_run: { run: 'x', progress: 'complete', status: 'fail' },
      },
      {
        type: 'diagnostic',
        '@testfile': 'tests/a.tftest.hcl',
        '@testrun': 'x',
        diagnostic: {
          severity: 'error',
          summary: 'Test assertion failed',
          detail: 'Tables must have point-in-time recovery.',
        },
      },
      {
        type: 'test_file',
        '@testfile': 'tests/a.tftest.hcl',
        test_file: { path: 'tests/a.tftest.hcl', status: 'fail' },
      },
      {
        type: 'test_summary',
        test_summary: { passed: 0, failed: 1, errored: 0, skipped: 0 },
      },
    ];
    const parsed = parseTestOutput(
      lines.map(l => JSON.stringify(l)).join('\n'),
    );
    expect(parsed.files['tests/a.tftest.hcl']).toEqual({
      status: 'fail',
      runs: { x: 'fail' },
      diagnostics: [
        {
          run: 'x',
          severity: 'error',
          summary: 'Test assertion failed',
          detail: 'Tables must have point-in-time recovery.',
        },
      ],
    });
    expect(parsed.summary).toEqual({
      passed: 0,
      failed: 1,
      errored: 0,
      skipped: 0,
    });
  });
});
