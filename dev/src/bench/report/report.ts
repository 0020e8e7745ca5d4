/** The one report: every bench's outcome mapped to rows, and the JSON document. */
import { ROWS_OF } from './benchRows';
import { countVerdicts } from './render';
import { crashedRow, ReportRow } from './row';
import type { BenchOutcome } from './runBench';

export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  memoryGb: number;
  loadAverage: { before: number[]; after: number[] };
}

export function reportRows(outcomes: BenchOutcome[]): ReportRow[] {
  return outcomes.flatMap(outcome =>
    outcome.document === undefined
      ? [crashedRow(outcome.name, outcome.crash ?? 'no JSON report')]
      : ROWS_OF[outcome.name](outcome.document),
  );
}

export function reportDocument(args: {
  date: Date;
  machine: Machine;
  quick: boolean;
  outcomes: BenchOutcome[];
  rows: ReportRow[];
}) {
  return {
    date: args.date.toISOString(),
    machine: args.machine,
    quick: args.quick,
    summary: countVerdicts(args.rows),
    rows: args.rows,
    benchmarks: Object.fromEntries(
      args.outcomes.map(o => [
        o.name,
        {
          exitCode: o.exitCode,
          signal: o.signal,
          seconds: o.seconds,
          ...(o.crash && { crash: o.crash }),
          report: o.document ?? null,
        },
      ]),
    ),
  };
}

/** 0 unless a bench crashed: a missed target is reported, not an error. */
export function exitCodeFor(outcomes: BenchOutcome[]): number {
  return outcomes.some(o => o.document === undefined) ? 1 : 0;
}
