import { RateLimits } from '../contract';
import { CreatorState, decide } from './model';
import type { RateLimiterResponse } from '../schemas';

/**
 * The share of the limits one instance may use when it cannot reach Redis.
 * With at most `maxConcurrency` instances deciding independently, each gets
 * `limit ÷ maxConcurrency` (rounded down, at least 1): the sum over all
 * instances stays within the real limits as long as `maxConcurrency` does not
 * exceed the bucket capacity (else the burst can reach `maxConcurrency`).
 */
export function fallbackLimits(
  limits: RateLimits,
  maxConcurrency: number,
): RateLimits {
  if (!Number.isSafeInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new RangeError(
      `maxConcurrency must be a positive integer, got ${maxConcurrency}`,
    );
  }
  return {
    capacity: Math.max(1, Math.floor(limits.capacity / maxConcurrency)),
    refillIntervalMs: limits.refillIntervalMs * maxConcurrency,
    windowLimit: Math.max(1, Math.floor(limits.windowLimit / maxConcurrency)),
    windowMs: limits.windowMs,
  };
}

export interface InMemoryLimiterOptions {
  limits: RateLimits;
  maxConcurrency: number;
  /**
   * After an outage starts, no send is allowed for this long. Sends that other
   * instances made through Redis just before the outage are unknown here; a
   * warm-up of one full window guarantees no rolling window mixes them with
   * fallback sends. Defaults to `limits.windowMs`.
   */
  warmupMs?: number;
  /** Creators kept in memory before idle ones are dropped. */
  maxCreators?: number;
}

/**
 * Per-instance limiter used while Redis is unavailable: the same algorithm as
 * the Lua script (see `model.ts`) with the per-instance share of the limits.
 */
export class InMemoryLimiter {
  readonly limits: RateLimits;
  readonly warmupMs: number;
  private readonly creators = new Map<string, CreatorState>();
  private readonly maxCreators: number;
  private blockedUntil = 0;

  constructor(options: InMemoryLimiterOptions) {
    this.limits = fallbackLimits(options.limits, options.maxConcurrency);
    this.warmupMs = options.warmupMs ?? options.limits.windowMs;
    this.maxCreators = options.maxCreators ?? 50_000;
  }

  /** Starts an outage at `nowMs`: nothing is allowed until the warm-up ends. */
  beginOutage(nowMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, nowMs + this.warmupMs);
  }

  /** End of the current warm-up (epoch ms); 0 when never blocked. */
  get warmupEndsAt(): number {
    return this.blockedUntil;
  }

  consume(userId: string, nowMs: number): RateLimiterResponse {
    const state = this.creators.get(userId);
    if (nowMs < this.blockedUntil) {
      const peek = decide(state, nowMs, this.limits);
      return {
        allowed: false,
        retryAfter: Math.max(this.blockedUntil - nowMs, peek.retryAfterMs),
        tokensRemaining: peek.allowed ? peek.tokens + 1 : peek.tokens,
      };
    }
    const decision = decide(state, nowMs, this.limits);
    if (!decision.allowed) {
      return {
        allowed: false,
        retryAfter: decision.retryAfterMs,
        tokensRemaining: decision.tokens,
      };
    }
    this.creators.delete(userId); // re-insert to keep the map in last-use order
    this.creators.set(userId, decision.state!);
    this.evictIdle(nowMs);
    return { allowed: true, tokensRemaining: decision.tokens };
  }

  private evictIdle(nowMs: number) {
    if (this.creators.size <= this.maxCreators) return;
    const idleFor = Math.max(
      this.limits.capacity * this.limits.refillIntervalMs,
      this.limits.windowMs,
    );
    for (const [userId, state] of this.creators) {
      if (this.creators.size <= this.maxCreators) break;
      // oldest first; dropping a creator idle for a full cycle changes nothing
      if (nowMs - state.last < idleFor) break;
      this.creators.delete(userId);
    }
  }
}
