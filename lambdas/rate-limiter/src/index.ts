/**
 * @prod-hardening/rate-limiter: the per-creator OnlyFans send limiter (Redis
 * Lua token bucket + rolling window) as a library, and the SQS Lambda built on it.
 */
export * from './contract';
export * from './limiter';
export type { RateLimiterEvent, RateLimiterResponse } from './schemas';
export { rateLimiterEventSchema } from './schemas';
export { handler, createHandler } from './handler';
export type { SqsHandler } from './handler';
export { loadConfig } from './config';
export type { RateLimiterConfig } from './config';
export { createDependencies } from './dependencies';
export * from './metrics';
/** The limiter's bookkeeping message attributes (a redrive drops them). */
export { DEFERRALS_ATTRIBUTE, FAILED_ATTEMPTS_ATTRIBUTE } from './delivery';
