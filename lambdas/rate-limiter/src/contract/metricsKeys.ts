/**
 * Redis key layout of the limiter's metrics (documented in README.md, read by
 * the portal backend without KEYS/SCAN: every key name is computable from the
 * minute it covers).
 */
export const DEFAULT_METRICS_PREFIX = 'rate_limit:metrics';

/** Counters kept per minute (fields of the `counters` hash). */
export const COUNTERS = [
  'allowed',
  'throttled',
  'deferred',
  'sent',
  'failed',
  'dead_lettered',
  'fallback',
  'duplicate',
  'invalid',
  'api_throttled',
] as const;
export type CounterName = (typeof COUNTERS)[number];

/**
 * Upper bounds (ms, inclusive) of the decision latency histogram buckets. Each
 * decision increments exactly one bucket field (`le_<bound>` or `le_inf`): the
 * buckets are not cumulative.
 */
export const LATENCY_BUCKETS_MS = [
  0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000,
] as const;

export function latencyField(latencyMs: number): string {
  const bound = LATENCY_BUCKETS_MS.find(b => latencyMs <= b);
  return bound === undefined ? 'le_inf' : `le_${bound}`;
}

/** Minutes since the epoch: the suffix of every per-minute key. */
export function epochMinute(nowMs: number): number {
  return Math.floor(nowMs / 60_000);
}

export function metricsKeys(prefix: string = DEFAULT_METRICS_PREFIX) {
  return {
    /** HASH, one field per counter name, for the minute. */
    counters: (minute: number) => `${prefix}:counters:${minute}`,
    /** HASH, latency bucket fields plus `count` and `sum_us`, for the minute. */
    latency: (minute: number) => `${prefix}:latency:${minute}`,
    /** ZSET, creator userId → decisions in the minute. */
    creators: (minute: number) => `${prefix}:creators:${minute}`,
    /** HASH, the fallback-mode flag and its last transition. */
    fallback: `${prefix}:fallback`,
    /** HASH, the limits in force (written at start-up). */
    limits: `${prefix}:limits`,
  };
}
