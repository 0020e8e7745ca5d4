import type {
  ThrottlingCounters,
  ThrottlingMinute,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  Histogram,
  parseHistogram,
  percentile,
  RawHistogram,
  toCount,
} from './latency';

const MINUTE_MS = 60_000;

/** The limiter's Redis field name of each wire counter. */
const COUNTER_FIELDS: Record<keyof ThrottlingCounters, string> = {
  allowed: 'allowed',
  throttled: 'throttled',
  deferred: 'deferred',
  sent: 'sent',
  failed: 'failed',
  deadLettered: 'dead_lettered',
  fallback: 'fallback',
  duplicate: 'duplicate',
  invalid: 'invalid',
  apiThrottled: 'api_throttled',
};

const COUNTER_NAMES = Object.keys(
  COUNTER_FIELDS,
) as (keyof ThrottlingCounters)[];

/** The `count` epoch minutes ending with the one holding `nowMs`, oldest first. */
export function windowMinutes(nowMs: number, count: number): number[] {
  const last = Math.floor(nowMs / MINUTE_MS);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

export function parseCounters(raw: Record<string, string>): ThrottlingCounters {
  const counters = {} as ThrottlingCounters;
  for (const name of COUNTER_NAMES)
    counters[name] = toCount(raw[COUNTER_FIELDS[name]]);
  return counters;
}

export function sumCounters(rows: ThrottlingCounters[]): ThrottlingCounters {
  const totals = parseCounters({});
  for (const row of rows)
    for (const name of COUNTER_NAMES) totals[name] += row[name];
  return totals;
}

/** One minute's raw hashes, as read from Redis (an absent key reads as `{}`). */
export interface RawMinute {
  minute: number;
  counters: Record<string, string>;
  latency: RawHistogram;
}

/** Turns raw per-minute hashes into the chart's rows, keeping the histograms for totals. */
export function buildMinuteSeries(raw: RawMinute[]): {
  minutes: ThrottlingMinute[];
  histograms: Histogram[];
} {
  const histograms = raw.map(m => parseHistogram(m.latency));
  const minutes = raw.map((m, i) => {
    const histogram = histograms[i];
    const p50 = percentile(histogram, 0.5);
    const p99 = percentile(histogram, 0.99);
    return {
      minute: new Date(m.minute * MINUTE_MS).toISOString(),
      ...parseCounters(m.counters),
      decisions: histogram.count,
      // an open-ended bucket is charted at the last finite bound
      p50Ms: p50 ? ('boundMs' in p50 ? p50.boundMs : p50.overMs) : null,
      p99Ms: p99 ? ('boundMs' in p99 ? p99.boundMs : p99.overMs) : null,
    };
  });
  return { minutes, histograms };
}
