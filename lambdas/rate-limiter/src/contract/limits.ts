/**
 * The per-creator limits enforced by the limiter. Both rules apply at once:
 * a token bucket (`capacity` tokens, one more every `refillIntervalMs`) and a
 * rolling window (at most `windowLimit` allowed sends in any `windowMs`).
 */
export interface RateLimits {
  /** Bucket size: how many sends may go out back to back. */
  capacity: number;
  /** One token is added every this many milliseconds, up to `capacity`. */
  refillIntervalMs: number;
  /** At most this many allowed sends in any rolling window of `windowMs`. */
  windowLimit: number;
  windowMs: number;
}

/** 3 at once, then one every 6 s, never an 11th inside a minute. */
export const DEFAULT_LIMITS: Readonly<RateLimits> = Object.freeze({
  capacity: 3,
  refillIntervalMs: 6_000,
  windowLimit: 10,
  windowMs: 60_000,
});

export const DEFAULT_KEY_PREFIX = 'rate_limit:onlyfans';

/** Throws a RangeError unless every limit is a positive safe integer. */
export function validateLimits(limits: RateLimits): RateLimits {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(
        `rate limit ${name} must be a positive integer, got ${value}`,
      );
    }
  }
  return limits;
}

/**
 * How long a creator's state must be kept after its last allowed send. After
 * this long the bucket is full again and the window is empty, so an expired key
 * is indistinguishable from a kept one.
 */
export function idleTtlMs(limits: RateLimits): number {
  return Math.max(limits.capacity * limits.refillIntervalMs, limits.windowMs);
}

/**
 * The Redis key holding one creator's state. The `{userId}` hash tag keeps
 * anything keyed by the same creator in the same cluster slot.
 */
export function limiterKey(prefix: string, userId: string): string {
  return `${prefix}:{${userId}}`;
}
