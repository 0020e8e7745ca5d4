import fs from 'node:fs';
import path from 'node:path';
import { terraform, TerraformResult } from './terraformCli';

/** Where `terraform test` looks for `*.tftest.hcl` files, relative to the module. */
export const TEST_DIR = 'tests';

/** A run's problem as Terraform reports it: a failed assertion carries its error_message in `detail`. */
export interface TestDiagnostic {
  run?: string;
  severity: string;
  summary: string;
  detail: string;
}

/** The outcome of one `.tftest.hcl` file. */
export interface TestFileResult {
  status?: string;
  runs: Record<string, string | undefined>;
  diagnostics: TestDiagnostic[];
}

export interface TestReport {
  result: TerraformResult;
  files: Record<string, TestFileResult>;
  summary?: {
    passed: number;
    failed: number;
    errored: number;
    skipped: number;
  };
}

/** Runs `terraform test -json` in an initialised directory; `files` narrows it to some test files. */
export async function terraformTest(
  cwd: string,
  dataDir: string,
  files: string[] = [],
): Promise<TestReport> {
  const result = await terraform(
    cwd,
    ['test', '-json', ...files.map(f => `-filter=${f}`)],
    dataDir,
  );
  return { result, ...parseTestOutput(result.stdout) };
}

/** Groups `terraform test -json` messages by test file: file status, run statuses, diagnostics. */
export function parseTestOutput(
  stdout: string,
): Pick<TestReport, 'files' | 'summary'> {
  const files: Record<string, TestFileResult> = {};
  let summary: TestReport['summary'];
  const fileOf = (name: string) =>
    (files[name] ??= { runs: {}, diagnostics: [] });
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    const file: string | undefined = message['@testfile'];
    if (message.type === 'test_summary') summary = message.test_summary;
    if (!file) continue;
    const entry = fileOf(file);
    if (message.type === 'test_file' && message.test_file.status)
      entry.status = message.test_file.status;
    if (message.type === 'test_run' && message.test_run.progress === 'complete')
      entry.runs[message.test_run.run] = message.test_run.status;
    if (message.type === 'diagnostic') {
      entry.diagnostics.push({
        run: message['@testrun'],
        severity: message.diagnostic.severity,
        summary: message.diagnostic.summary,
        detail: message.diagnostic.detail ?? '',
      });
    }
  }
  return { files, summary };
}

/** One line per failed run and error, for a readable test failure. */
export function describeFailures(report: TestReport): string {
  const lines = Object.entries(report.files).flatMap(([file, r]) => [
    ...Object.entries(r.runs)
      .filter(([, status]) => status !== 'pass')
      .map(([run, status]) => `${file} run "${run}": ${status}`),
    ...r.diagnostics
      .filter(d => d.severity === 'error')
      .map(
        d =>
          `${file}${d.run ? ` run "${d.run}"` : ''}: ${d.summary}: ${d.detail}`,
      ),
  ]);
  if (report.result.code !== 0 && lines.length === 0)
    lines.push(report.result.stderr.trim() || report.result.stdout.trim());
  return lines.join('\n');
}

/** The top-level `run "<name>" { ... }` blocks of a formatted test file, by name. */
export function runBlocks(source: string): Map<string, string> {
  return new Map(
    [...source.matchAll(/^run "([^"]+)" \{\n[\s\S]*?^\}\n/gm)].map(m => [
      m[1],
      m[0],
    ]),
  );
}

/**
 * A copy of a test file whose runs test the module at `source` (a module block in each
 * run) rather than the root module; with `runs`, only those runs.
 */
export function retargetTestFile(
  source: string,
  moduleSource: string,
  runs?: string[],
): string {
  const blocks = runBlocks(source);
  for (const name of runs ?? []) {
    if (!blocks.has(name)) throw new Error(`no run "${name}" in the test file`);
  }
  let text = source;
  for (const [name, block] of blocks) {
    const kept = !runs || runs.includes(name);
    text = text.replace(
      block,
      kept
        ? block.replace(
            /^(run "[^"]+" \{\n)/,
            `$1  module {\n    source = "${moduleSource}"\n  }\n\n`,
          )
        : '',
    );
  }
  return text;
}

/** The module's test files (`tests/*.tftest.hcl`), by name without the extension. */
export function testFileNames(moduleDir: string): string[] {
  return fs
    .readdirSync(path.join(moduleDir, TEST_DIR))
    .filter(f => f.endsWith('.tftest.hcl'))
    .map(f => f.replace(/\.tftest\.hcl$/, ''))
    .sort();
}
