export { createRateLimiter, DEFAULT_MAX_BATCH_SIZE } from './redisRateLimiter';
export type {
  RateLimiter,
  RateLimiterOptions,
  RateLimiterPeek,
} from './redisRateLimiter';
export {
  DEFAULT_LIMITS,
  DEFAULT_KEY_PREFIX,
  idleTtlMs,
  limiterKey,
  validateLimits,
} from './limits';
export type { RateLimits } from './limits';
export { consumeScript, peekScript, decodeConsumeReply } from './scripts';
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
