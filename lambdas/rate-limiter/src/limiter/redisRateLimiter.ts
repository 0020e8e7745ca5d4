import type { Redis, Cluster } from 'ioredis';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_LIMITS,
  RateLimits,
  idleTtlMs,
  limiterKey,
  validateLimits,
} from './limits';
import { CONSUME_SCRIPT, PEEK_SCRIPT } from './scripts';
import type { RateLimiterResponse } from '../schemas';

export interface RateLimiterOptions {
  /** An ioredis client (standalone or cluster); the limiter does not own it. */
  redis: Redis | Cluster;
  /** Defaults to 3 burst, 1 token / 6 s, 10 per rolling 60 s. */
  limits?: Partial<RateLimits>;
  /** Key prefix; a creator's state is the hash `<prefix>:{userId}`. */
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

type ScriptReply = [number, number, number, number];
type ScriptCommand = (
  key: string,
  ...args: (string | number)[]
) => Promise<ScriptReply>;

const CONSUME_COMMAND = 'prodHardeningRateLimitConsume';
const PEEK_COMMAND = 'prodHardeningRateLimitPeek';

/**
 * Registers the scripts on the client once. ioredis sends them by EVALSHA and
 * falls back to EVAL on NOSCRIPT, so a `SCRIPT FLUSH` or a failover to a node
 * that never saw them is transparent.
 */
function defineCommands(redis: Redis | Cluster): {
  consume: ScriptCommand;
  peek: ScriptCommand;
} {
  const client = redis as unknown as Record<string, ScriptCommand | undefined>;
  if (!client[CONSUME_COMMAND]) {
    redis.defineCommand(CONSUME_COMMAND, { numberOfKeys: 1, lua: CONSUME_SCRIPT });
  }
  if (!client[PEEK_COMMAND]) {
    redis.defineCommand(PEEK_COMMAND, { numberOfKeys: 1, lua: PEEK_SCRIPT });
  }
  return {
    consume: client[CONSUME_COMMAND]!.bind(redis),
    peek: client[PEEK_COMMAND]!.bind(redis),
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
  const commands = defineCommands(options.redis);
  const limitArgs = [
    limits.capacity,
    limits.refillIntervalMs,
    limits.windowLimit,
    limits.windowMs,
  ];
  const ttl = idleTtlMs(limits);

  return {
    limits,
    async consume(userId, nowMs) {
      checkArguments(userId, nowMs);
      const [allowed, retryAfter, tokensRemaining] = await commands.consume(
        limiterKey(prefix, userId),
        nowMs,
        ...limitArgs,
        ttl,
      );
      return allowed === 1
        ? { allowed: true, tokensRemaining }
        : { allowed: false, retryAfter, tokensRemaining };
    },
    async peek(userId, nowMs) {
      checkArguments(userId, nowMs);
      const [tokensAvailable, retryAfter, sendsInWindow] = await commands.peek(
        limiterKey(prefix, userId),
        nowMs,
        ...limitArgs,
      );
      return { tokensAvailable, retryAfter, sendsInWindow };
    },
  };
}
