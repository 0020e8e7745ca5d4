import { PassThrough } from 'node:stream';
import { BenchSpec } from './plan';
import { runBench } from './runBench';

/** A real child process running `script` with node, in place of a bench. */
const nodeBench = (script: string): BenchSpec => ({
  name: 'ledger',
  command: process.execPath,
  args: ['-e', script],
  env: { BENCH_MARKER: 'from-spec' },
});

function run(spec: BenchSpec) {
  const progress = new PassThrough();
  let stderr = '';
  progress.on('data', chunk => (stderr += chunk));
  return runBench(spec, { cwd: __dirname, progress }).then(outcome => ({
    outcome,
    stderr,
  }));
}

describe('runBench', () => {
  it('takes the report from stdout, passes stderr on as progress and gives the spec its environment', async () => {
    const { outcome, stderr } = await run(
      nodeBench(`
        console.error('history loaded');
        console.log('a table');
        console.log(JSON.stringify({ marker: process.env.BENCH_MARKER }, null, 2));
      `),
    );
    expect(outcome).toMatchObject({
      name: 'ledger',
      exitCode: 0,
      signal: null,
      document: { marker: 'from-spec' },
    });
    expect(outcome.crash).toBeUndefined();
    expect(stderr).toBe('history loaded\n');
  });

  it('counts a bench that reports and then exits 1 (a failed check) as run, not crashed', async () => {
    const { outcome } = await run(
      nodeBench(`console.log('{"passed": false}'); process.exit(1);`),
    );
    expect(outcome).toMatchObject({ exitCode: 1, document: { passed: false } });
    expect(outcome.crash).toBeUndefined();
  });

  it('counts a bench that leaves no report as crashed, with its exit code and last error line', async () => {
    const { outcome } = await run(
      nodeBench(
        `console.log('{"cut": '); console.error('Error: moto_server did not start'); process.exit(3);`,
      ),
    );
    expect(outcome.document).toBeUndefined();
    expect(outcome.crash).toBe(
      'no JSON report (exit code 3): Error: moto_server did not start',
    );
  });

  it('reports a command that cannot start as crashed', async () => {
    const { outcome } = await run({
      ...nodeBench(''),
      command: '/nonexistent/bench-command',
    });
    expect(outcome.document).toBeUndefined();
    expect(outcome.crash).toMatch(
      /^could not start \/nonexistent\/bench-command/,
    );
  });
});
