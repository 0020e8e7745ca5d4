import { LATENCY_BUCKETS_MS } from '@prod-hardening/rate-limiter/contract';
import type { LatencySummary } from '@prod-hardening/plugin-prod-hardening-common';

/** One minute's latency hash as stored by the limiter: `le_<ms>` buckets, `count`, `sum_us`. */
export type RawHistogram = Record<string, string>;

/** A histogram in bucket order: `counts[i]` decisions took at most `bounds[i]` ms (and more than the bound before). */
export interface Histogram {
  /** Per finite bucket, then one last entry for `le_inf`. */
  counts: number[];
  count: number;
  sumUs: number;
}

const FIELDS = [...LATENCY_BUCKETS_MS.map(b => `le_${b}`), 'le_inf'];

/** A missing or malformed field counts as 0, like an absent hash field. */
export function toCount(value: string | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export function parseHistogram(raw: RawHistogram): Histogram {
  const counts = FIELDS.map(f => toCount(raw[f]));
  return {
    counts,
    // Count what the buckets hold: each decision is in exactly one bucket.
    count: counts.reduce((a, b) => a + b, 0),
    sumUs: toCount(raw.sum_us),
  };
}

export function mergeHistograms(histograms: Histogram[]): Histogram {
  const counts = FIELDS.map((_, i) =>
    histograms.reduce((sum, h) => sum + h.counts[i], 0),
  );
  return {
    counts,
    count: counts.reduce((a, b) => a + b, 0),
    sumUs: histograms.reduce((sum, h) => sum + h.sumUs, 0),
  };
}

export type Percentile =
  | { boundMs: number }
  /** Above the last finite bound. */
  | { overMs: number }
  | null;

/**
 * The bucket holding quantile `q` (0 < q ≤ 1): the first whose cumulative count
 * reaches q × count. Returns its upper bound, the best a histogram can say.
 */
export function percentile(histogram: Histogram, q: number): Percentile {
  if (histogram.count === 0) return null;
  const target = q * histogram.count;
  let cumulative = 0;
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) {
    cumulative += histogram.counts[i];
    if (cumulative >= target) return { boundMs: LATENCY_BUCKETS_MS[i] };
  }
  return { overMs: LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1] };
}

const boundOf = (p: Percentile) => (p && 'boundMs' in p ? p.boundMs : null);

export function summarizeLatency(histogram: Histogram): LatencySummary {
  const p50 = percentile(histogram, 0.5);
  const p99 = percentile(histogram, 0.99);
  const summary: LatencySummary = {
    decisions: histogram.count,
    p50Ms: boundOf(p50),
    p99Ms: boundOf(p99),
    meanMs:
      histogram.count === 0 ? null : histogram.sumUs / 1000 / histogram.count,
  };
  if (p99 && 'overMs' in p99) summary.p99OverMs = p99.overMs;
  return summary;
}
