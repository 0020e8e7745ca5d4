/**
 * @prod-hardening/rate-limiter/contract: what the limiter shares with its readers
 * (the portal backend, the local stub API): the limits it enforces, the Redis key of
 * each creator's state and the key layout of its metrics. Plain values and pure
 * functions only, so importing it never loads the handler, Powertools or an AWS client.
 */
export {
  DEFAULT_LIMITS,
  DEFAULT_KEY_PREFIX,
  idleTtlMs,
  limiterKey,
  validateLimits,
} from './limits';
export type { RateLimits } from './limits';
export {
  COUNTERS,
  DEFAULT_METRICS_PREFIX,
  LATENCY_BUCKETS_MS,
  epochMinute,
  latencyField,
  metricsKeys,
} from './metricsKeys';
export type { CounterName } from './metricsKeys';
