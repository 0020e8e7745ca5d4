import type { Redis, Cluster } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_LIMITS,
  RateLimits,
  limiterKey,
  validateLimits,
} from './limits';
import { consumeScript, decodeConsumeReply, peekScript } from './scripts';
import { BatchSender, DecisionBatcher } from './decisionBatcher';
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

type PeekCommand = (
  key: string,
  nowMs: number,
) => Promise<[number, number, number]>;
type ConsumeCommand = (
  numberOfKeys: number,
  ...keysThenNows: (string | number)[]
) => unknown;

/**
 * Registers the two scripts for these limits on the client, once per
 * configuration (the limits are part of the script text, hence of the command
 * name). ioredis sends them by EVALSHA and falls back to EVAL on NOSCRIPT, so
 * a `SCRIPT FLUSH` or a failover to a node that never saw them is transparent.
 *
 * A consume call goes out in a pipeline of its own: the batcher has already
 * gathered what can travel together, and ioredis' auto-pipelining would only
 * hold it back until the event loop's check phase, which doubles the latency
 * of a lone decision.
 */
function defineCommands(
  redis: Redis | Cluster,
  limits: RateLimits,
): { consume: BatchSender; peek: PeekCommand } {
  const suffix = [
    limits.capacity,
    limits.refillIntervalMs,
    limits.windowLimit,
    limits.windowMs,
  ].join('_');
  const consumeName = `prodHardeningRateLimitConsumeMany_${suffix}`;
  const peekName = `prodHardeningRateLimitPeek_${suffix}`;
  const client = redis as unknown as Record<string, unknown>;
  if (!client[consumeName]) {
    // no fixed numberOfKeys: each call says how many decisions it carries
    redis.defineCommand(consumeName, { lua: consumeScript(limits) });
  }
  if (!client[peekName]) {
    redis.defineCommand(peekName, { numberOfKeys: 1, lua: peekScript(limits) });
  }
  const consume: BatchSender = async (keys, nowsMs) => {
    const pipeline = redis.pipeline();
    (pipeline as unknown as Record<string, ConsumeCommand>)[consumeName](
      keys.length,
      ...keys,
      ...nowsMs,
    );
    const [[error, replies]] = (await pipeline.exec()) as [
      Error | null,
      unknown,
    ][];
    if (error) throw error;
    return replies as number[];
  };
  return {
    consume,
    peek: (client[peekName] as PeekCommand).bind(redis),
  };
}

/** Keys of one Redis Cluster slot may share a script call; any keys on a single Redis. */
function slotGrouping(
  redis: Redis | Cluster,
): ((key: string) => number) | undefined {
  if (!('isCluster' in redis) || !redis.isCluster) return undefined;
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
  const commands = defineCommands(options.redis, limits);
  const batcher = new DecisionBatcher({
    send: commands.consume,
    maxBatchSize: options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
    groupOf: slotGrouping(options.redis),
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
      const [tokensAvailable, retryAfter, sendsInWindow] = await commands.peek(
        limiterKey(prefix, userId),
        nowMs,
      );
      return { tokensAvailable, retryAfter, sendsInWindow };
    },
  };
}
