import type { Comparison, Target } from './targets';

export const BENCH_NAMES = [
  'limiter',
  'pipeline',
  'ledger',
  'posture',
] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

/**
 * NOT MEASURED: the bench ran but did not report this metric (or not under the
 * conditions the target needs); it never counts as a pass.
 * NO TARGET: reported for information; nothing to hold it to.
 */
export type Verdict =
  | 'PASS'
  | 'FAIL'
  | 'NOT MEASURED'
  | 'NO TARGET'
  | 'CRASHED';

export interface ReportRow {
  bench: BenchName;
  metric: string;
  /** e.g. "< 100 ms (seed)"; "—" when there is none. */
  target: string;
  /** The peer or ceiling measured in the same run; "—" when there is none. */
  reference: string;
  /** Our measurement, formatted; "not measured" when absent. */
  ours: string;
  /**
   * Our measurement as a number in the target's unit (shares as 0–1; for a check
   * the bench reports as true/false, 1 or 0), or null.
   */
  value: number | null;
  verdict: Verdict;
  note?: string;
}

const COMPARISON_SIGN: Record<Comparison, string> = {
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  '=': '=',
};

/** A finite number, or undefined for anything else (null, NaN, a string, absent). */
export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

export function formatValue(value: number, unit: string): string {
  if (unit === '%') return `${trim(value * 100, value * 100 < 10 ? 2 : 1)} %`;
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  const text = value.toLocaleString('en-US', {
    maximumFractionDigits: unit === 'ms' && Math.abs(value) < 10 ? 2 : digits,
  });
  return unit === 'ms' || unit === 'MB' ? `${text} ${unit}` : `${text}${unit}`;
}

const trim = (value: number, digits: number) =>
  String(Number(value.toFixed(digits)));

export function formatTarget(target: Target): string {
  return `${COMPARISON_SIGN[target.comparison]} ${formatValue(
    target.limit,
    target.unit,
  )} (${target.source})`;
}

export function meets(value: number, target: Target): boolean {
  switch (target.comparison) {
    case '>=':
      return value >= target.limit;
    case '<':
      return value < target.limit;
    case '<=':
      return value <= target.limit;
    case '=':
      return value === target.limit;
    default:
      throw new Error(
        `unknown comparison ${target.comparison satisfies never}`,
      );
  }
}

interface RowOptions {
  /** Where no seed or issue target applies, the row is for information. */
  target?: Target;
  reference?: string;
  note?: string;
  /** Formats `value` when there is no target to take the unit from. */
  unit?: string;
  /** Says why the run could not measure what the target needs (e.g. a quick run's lower load). */
  notMeasuredBecause?: string;
}

/** One metric: judged against its target when both are there, never passed without a value. */
export function metricRow(
  bench: BenchName,
  metric: string,
  rawValue: unknown,
  options: RowOptions = {},
): ReportRow {
  const value = finite(rawValue);
  const unit = options.target?.unit ?? options.unit ?? '';
  let verdict: Verdict;
  if (options.notMeasuredBecause !== undefined || value === undefined) {
    verdict = options.target ? 'NOT MEASURED' : 'NO TARGET';
  } else if (!options.target) verdict = 'NO TARGET';
  else verdict = meets(value, options.target) ? 'PASS' : 'FAIL';
  const notes = [options.notMeasuredBecause, options.note].filter(
    (n): n is string => Boolean(n),
  );
  return {
    bench,
    metric,
    target: options.target ? formatTarget(options.target) : '—',
    reference: options.reference ?? '—',
    ours: value === undefined ? 'not measured' : formatValue(value, unit),
    value: value ?? null,
    verdict,
    ...(notes.length > 0 && { note: notes.join('; ') }),
  };
}

/** The single row a bench gets when it produced no report. */
export function crashedRow(bench: BenchName, reason: string): ReportRow {
  return {
    bench,
    metric: 'benchmark run',
    target: '—',
    reference: '—',
    ours: 'no report',
    value: null,
    verdict: 'CRASHED',
    note: reason,
  };
}
