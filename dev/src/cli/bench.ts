/**
 * `npm run bench`: runs every benchmark (limiter, pipeline, ledger, posture) one after
 * another, each as a child process that starts and stops its own servers, and prints
 * one JSON document and one table: metric, target, the peer or ceiling measured in the
 * same run, ours, and PASS / FAIL / NOT MEASURED. The document is also written to
 * --out (bench-results/latest.json). Exit code 1 only if a bench crashed.
 *
 *   npm run bench -- [--quick] [--only limiter,ledger] [--markdown] [--limiter-seconds N ...]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { benchPlan, parseBenchArgs, UsageError } from '../bench/report/plan';
import { renderMarkdown, renderText } from '../bench/report/render';
import {
  exitCodeFor,
  Machine,
  reportDocument,
  reportRows,
} from '../bench/report/report';
import { BenchOutcome, runBench } from '../bench/report/runBench';

const REPO_ROOT = resolve(__dirname, '../../..');
const load = () => os.loadavg().map(l => Math.round(l * 100) / 100);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  const plan = benchPlan(options);
  const loadBefore = load();
  const date = new Date();
  const outcomes: BenchOutcome[] = [];
  for (const spec of plan) {
    log(`\n=== bench:${spec.name}: ${[spec.command, ...spec.args].join(' ')}`);
    const outcome = await runBench(spec, { cwd: REPO_ROOT });
    log(
      `=== bench:${spec.name} ${
        outcome.crash ? `crashed: ${outcome.crash}` : 'reported'
      } after ${outcome.seconds} s`,
    );
    outcomes.push(outcome);
  }
  const machine: Machine = {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: { before: loadBefore, after: load() },
  };
  const rows = reportRows(outcomes);
  const document = reportDocument({
    date,
    machine,
    quick: options.quick,
    outcomes,
    rows,
  });
  const out = resolve(REPO_ROOT, options.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);

  const heading = `${options.quick ? 'Quick run' : 'Run'} of ${date
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ')} UTC on ${machine.cpus} CPUs (${
    machine.cpuModel
  }), Node ${machine.node}`;
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n\n`);
  process.stdout.write(
    `${heading}\n\n${
      options.markdown ? renderMarkdown(rows) : renderText(rows)
    }\n\nJSON: ${out}\n`,
  );
  return exitCodeFor(outcomes);
}

main().then(
  code => process.exit(code),
  error => {
    log(error instanceof UsageError ? error.message : error?.stack ?? error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
