/**
 * Runs one bench as a child process and takes its JSON report from its standard
 * output. A bench "crashed" when it left no report; one that reports and then exits
 * non-zero (the pipeline does when a check fails) has run, and its report says why.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { lastJsonDocument } from './jsonDocument';
import type { BenchSpec } from './plan';

export interface BenchOutcome {
  name: BenchSpec['name'];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  /** The bench's own report, as it printed it. */
  document?: unknown;
  /** Why there is no report. */
  crash?: string;
}

interface RunOptions {
  cwd: string;
  /** Where the bench's progress (its stderr) goes; the terminal by default. */
  progress?: NodeJS.WritableStream;
}

export function runBench(
  spec: BenchSpec,
  { cwd, progress = process.stderr }: RunOptions,
): Promise<BenchOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) / 100) / 10;
  return new Promise(resolve => {
    const child = spawn(spec.command, spec.args, {
      cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let lastErrorLine = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      progress.write(chunk);
      const lines = chunk.trim().split('\n');
      lastErrorLine = lines[lines.length - 1] || lastErrorLine;
    });
    child.once('error', error =>
      resolve({
        name: spec.name,
        exitCode: null,
        signal: null,
        seconds: elapsed(),
        crash: `could not start ${spec.command}: ${error.message}`,
      }),
    );
    child.once('close', (exitCode, signal) => {
      const document = lastJsonDocument(stdout);
      const ended =
        signal !== null ? `killed by ${signal}` : `exit code ${exitCode}`;
      resolve({
        name: spec.name,
        exitCode,
        signal,
        seconds: elapsed(),
        ...(document !== undefined
          ? { document }
          : {
              crash: `no JSON report (${ended})${
                lastErrorLine ? `: ${lastErrorLine.slice(0, 300)}` : ''
              }`,
            }),
      });
    });
  });
}
