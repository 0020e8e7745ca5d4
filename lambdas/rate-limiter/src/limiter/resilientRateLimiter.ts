import type { RateLimiter } from './redisRateLimiter';
import type { InMemoryLimiter } from './fallback';
import type { RateLimiterResponse } from '../schemas';

export type DecisionSource = 'redis' | 'fallback';

export interface Decision extends RateLimiterResponse {
  /** Which limiter decided. */
  source: DecisionSource;
}

export interface ModeChange {
  mode: DecisionSource;
  atMs: number;
  /** Why Redis was given up (error message), for `fallback`. */
  reason?: string;
}

export interface ResilientRateLimiterOptions {
  redisLimiter: RateLimiter;
  fallback: InMemoryLimiter;
  /** Cheap health check (e.g. `() => redis.ping()`), bounded by the client's command timeout. */
  probe: () => Promise<unknown>;
  /** While in fallback, Redis is probed at most this often. */
  probeIntervalMs: number;
  onModeChange?: (change: ModeChange) => void;
}

/**
 * Decides with Redis while it answers and with the in-memory fallback while it
 * does not, switching back automatically.
 *
 * Safety across the switches:
 * - on losing Redis the fallback allows nothing for its warm-up (one window by
 *   default), since other instances' last Redis-era sends are unknown here;
 * - for one window after Redis is back, a send must pass both Redis and this
 *   instance's fallback share, because Redis may not know the fallback-era
 *   sends (or may have restarted empty). Each instance then stays within its
 *   share of the limit, and the shares add up to the limit.
 */
export class ResilientRateLimiter {
  private currentMode: DecisionSource = 'redis';
  private gatedUntil = 0;
  private nextProbeAt = 0;
  private readonly options: ResilientRateLimiterOptions;

  constructor(options: ResilientRateLimiterOptions) {
    this.options = options;
  }

  get mode(): DecisionSource {
    return this.currentMode;
  }

  get limits() {
    return this.options.redisLimiter.limits;
  }

  async consume(userId: string, nowMs: number): Promise<Decision> {
    const { fallback, redisLimiter } = this.options;
    if (this.currentMode === 'fallback' && !(await this.probeIfDue(nowMs))) {
      return { ...fallback.consume(userId, nowMs), source: 'fallback' };
    }
    if (nowMs < this.gatedUntil) {
      const share = fallback.consume(userId, nowMs);
      if (!share.allowed) return { ...share, source: 'fallback' };
    }
    try {
      return {
        ...(await redisLimiter.consume(userId, nowMs)),
        source: 'redis',
      };
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError)
        throw error;
      this.enterFallback(nowMs, error);
      return { ...fallback.consume(userId, nowMs), source: 'fallback' };
    }
  }

  /** Marks Redis as lost (also used by other Redis users that saw it fail). */
  enterFallback(nowMs: number, error: unknown): void {
    if (this.currentMode === 'fallback') return;
    this.currentMode = 'fallback';
    this.options.fallback.beginOutage(nowMs);
    this.nextProbeAt = nowMs + this.options.probeIntervalMs;
    this.options.onModeChange?.({
      mode: 'fallback',
      atMs: nowMs,
      reason: error instanceof Error ? error.message : String(error),
    });
  }

  private async probeIfDue(nowMs: number): Promise<boolean> {
    if (nowMs < this.nextProbeAt) return false;
    this.nextProbeAt = nowMs + this.options.probeIntervalMs;
    try {
      await this.options.probe();
    } catch {
      return false;
    }
    if (this.currentMode === 'fallback') {
      this.currentMode = 'redis';
      this.gatedUntil = Math.max(
        this.gatedUntil,
        nowMs + this.options.redisLimiter.limits.windowMs,
      );
      this.options.onModeChange?.({ mode: 'redis', atMs: nowMs });
    }
    return true;
  }
}
