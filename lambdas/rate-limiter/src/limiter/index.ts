/**
 * @prod-hardening/rate-limiter/limiter: the per-creator limiter as a library (the
 * Redis Lua token bucket + rolling window, its in-memory fallback and the resilient
 * wrapper), for readers that peek at the state without the Lambda's handler.
 */
export { createRateLimiter, DEFAULT_MAX_BATCH_SIZE } from './redisRateLimiter';
export type {
  RateLimiter,
  RateLimiterOptions,
  RateLimiterPeek,
} from './redisRateLimiter';
export { decodeConsumeReply, LIMITER_SCRIPT, scriptArguments } from './scripts';
export { decide } from './model';
export type { CreatorState, ModelDecision } from './model';
export { InMemoryLimiter, fallbackLimits } from './fallback';
export type { InMemoryLimiterOptions } from './fallback';
export { ResilientRateLimiter } from './resilientRateLimiter';
export type {
  Decision,
  DecisionSource,
  ModeChange,
  ResilientRateLimiterOptions,
} from './resilientRateLimiter';
