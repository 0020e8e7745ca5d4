import type { Redis, Cluster } from 'ioredis';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_LIMITS,
  RateLimits,
  limiterKey,
  validateLimits,
} from './limits';
import { consumeScript, decodeConsumeReply, peekScript } from './scripts';
import type { RateLimiterResponse } from '../schemas';

export interface RateLimiterOptions {
  /** An ioredis client (standalone or cluster); the limiter does not own it. */
  redis: Redis | Cluster;
  /** Defaults to 3 burst, 1 token / 6 s, 10 per rolling 60 s. */
  limits?: Partial<RateLimits>;
  /** Key prefix; a creator's state is the key `<prefix>:{userId}`. */
  keyPrefix?: string;
}

export interface RateLimiterPeek {
  /** Tokens in the bucket at `nowMs`. */
  tokensAvailable: number;
  /** Allowed sends inside the rolling window ending at `nowMs`. */
  sendsInWindow: number;
  /** 0 when a send at `nowMs` would be allowed, else ms until it would be. */
  retryAfter: number;
}

export interface RateLimiter {
  readonly limits: Readonly<RateLimits>;
  /**
   * Decides one send for `userId` at `nowMs` (integer epoch ms) and, when it is
   * allowed, records it. A denial changes nothing.
   */
  consume(userId: string, nowMs: number): Promise<RateLimiterResponse>;
  /** What `consume` would see at `nowMs`, without changing anything. */
  peek(userId: string, nowMs: number): Promise<RateLimiterPeek>;
}

type ScriptCommand<Reply> = (key: string, nowMs: number) => Promise<Reply>;

/**
 * Registers the two scripts for these limits on the client, once per
 * configuration (the limits are part of the script text, hence of the command
 * name). ioredis sends them by EVALSHA and falls back to EVAL on NOSCRIPT, so
 * a `SCRIPT FLUSH` or a failover to a node that never saw them is transparent.
 */
function defineCommands(
  redis: Redis | Cluster,
  limits: RateLimits,
): { consume: ScriptCommand<number>; peek: ScriptCommand<[number, number, number]> } {
  const suffix = [
    limits.capacity,
    limits.refillIntervalMs,
    limits.windowLimit,
    limits.windowMs,
  ].join('_');
  const consumeName = `prodHardeningRateLimitConsume_${suffix}`;
  const peekName = `prodHardeningRateLimitPeek_${suffix}`;
  const client = redis as unknown as Record<string, ScriptCommand<unknown> | undefined>;
  if (!client[consumeName]) {
    redis.defineCommand(consumeName, { numberOfKeys: 1, lua: consumeScript(limits) });
  }
  if (!client[peekName]) {
    redis.defineCommand(peekName, { numberOfKeys: 1, lua: peekScript(limits) });
  }
  return {
    consume: client[consumeName]!.bind(redis) as ScriptCommand<number>,
    peek: client[peekName]!.bind(redis) as ScriptCommand<[number, number, number]>,
  };
}

function checkArguments(userId: string, nowMs: number) {
  if (typeof userId !== 'string' || userId.length === 0) {
    throw new TypeError('userId must be a non-empty string');
  }
  if (!Number.isSafeInteger(nowMs) || nowMs < 0) {
    throw new TypeError(`nowMs must be a non-negative integer, got ${nowMs}`);
  }
}

/** Creates the Redis-backed per-creator limiter (token bucket + rolling window). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limits = Object.freeze(validateLimits({ ...DEFAULT_LIMITS, ...options.limits }));
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const commands = defineCommands(options.redis, limits);
  const { capacity } = limits;

  return {
    limits,
    async consume(userId, nowMs) {
      checkArguments(userId, nowMs);
      return decodeConsumeReply(
        await commands.consume(limiterKey(prefix, userId), nowMs),
        capacity,
      );
    },
    async peek(userId, nowMs) {
      checkArguments(userId, nowMs);
      const [tokensAvailable, retryAfter, sendsInWindow] = await commands.peek(
        limiterKey(prefix, userId),
        nowMs,
      );
      return { tokensAvailable, retryAfter, sendsInWindow };
    },
  };
}
