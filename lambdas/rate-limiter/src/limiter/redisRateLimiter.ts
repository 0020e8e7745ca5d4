import type { Redis, Cluster } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_LIMITS,
  RateLimits,
  limiterKey,
  validateLimits,
} from '../contract';
import { decodeConsumeReply, LIMITER_SCRIPT, scriptArguments } from './scripts';
import { DecisionBatcher } from './decisionBatcher';
import { LuaScript } from './luaScript';
import type { RateLimiterResponse } from '../schemas';

export interface RateLimiterOptions {
  /** An ioredis client (standalone or cluster); the limiter does not own it. */
  redis: Redis | Cluster;
  /** Defaults to 3 burst, 1 token / 6 s, 10 per rolling 60 s. */
  limits?: Partial<RateLimits>;
  /** Key prefix; a creator's state is the key `<prefix>:{userId}`. */
  keyPrefix?: string;
  /**
   * Most decisions sent in one script call (default 64). Decisions asked for
   * at once share calls; a bigger batch holds Redis longer.
   */
  maxBatchSize?: number;
}

export const DEFAULT_MAX_BATCH_SIZE = 64;

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

/** One script for every limiter and configuration: the limits travel in ARGV. */
const script = new LuaScript(LIMITER_SCRIPT);
/**
 * The same script for a peek, sent read-only (EVALSHA_RO): the portal's Redis user may
 * only read the limiter's keys, and a peek writes nothing.
 */
const peekScript = new LuaScript(LIMITER_SCRIPT, { readOnly: true });

/** Keys of one Redis Cluster slot may share a script call; any keys on a single Redis. */
function slotGrouping(
  redis: Redis | Cluster,
): ((key: string) => number) | undefined {
  if (!redis.isCluster) return undefined;
  const clientPrefix = redis.options.keyPrefix ?? '';
  return key => calculateSlot(clientPrefix + key);
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
  const limits = Object.freeze(
    validateLimits({ ...DEFAULT_LIMITS, ...options.limits }),
  );
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const { redis } = options;
  const consumeArguments = scriptArguments('consume', limits);
  const peekArguments = scriptArguments('peek', limits);
  const batcher = new DecisionBatcher({
    send: (keys, nowsMs) =>
      script.run<number[]>(redis, keys, [...consumeArguments, ...nowsMs]),
    maxBatchSize: options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
    groupOf: slotGrouping(redis),
  });
  const { capacity } = limits;

  return {
    limits,
    async consume(userId, nowMs) {
      checkArguments(userId, nowMs);
      return decodeConsumeReply(
        await batcher.decide(limiterKey(prefix, userId), nowMs),
        capacity,
      );
    },
    async peek(userId, nowMs) {
      checkArguments(userId, nowMs);
      const [[tokensAvailable, retryAfter, sendsInWindow]] =
        await peekScript.run<[[number, number, number]]>(
          redis,
          [limiterKey(prefix, userId)],
          [...peekArguments, nowMs],
        );
      return { tokensAvailable, retryAfter, sendsInWindow };
    },
  };
}
