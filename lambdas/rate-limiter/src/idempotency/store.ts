import type { Redis, Cluster } from 'ioredis';

export type ClaimResult =
  | { kind: 'claimed' }
  /** Already delivered. */
  | { kind: 'done'; outcome: Outcome }
  /** Another receiver holds the claim right now. */
  | { kind: 'busy' };

/**
 * Only deliveries are final: a dead-lettered message keeps no record, so a
 * later redrive from the DLQ can still deliver it.
 */
export type Outcome = 'delivered';

export interface IdempotencyStoreOptions {
  redis: Redis | Cluster;
  /** Keys are `<prefix>:<messageId>`. */
  prefix?: string;
  /** How long a final outcome is remembered. */
  ttlSeconds?: number;
  /** How long a claim lasts if its holder never releases it (crash). */
  claimTtlMs: number;
  /** False while Redis is known to be down: only the in-memory copy is used. */
  isRedisAvailable?: () => boolean;
  /** Called when a Redis call fails, so the caller can switch modes. */
  onRedisError?: (error: unknown) => void;
  /** Entries kept in memory. */
  memoryEntries?: number;
}

const RELEASE_SCRIPT = `
-- KEYS[1] idempotency key; ARGV[1] the claim value of the caller.
-- Deletes the key only if the caller still holds the claim.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
const RELEASE_COMMAND = 'prodHardeningIdempotencyRelease';

interface MemoryEntry {
  value: string;
  expiresAt: number;
}

/**
 * At-most-once delivery by the producer's `messageId`: a receiver claims the id
 * before delivering and records the outcome after. Redis holds the shared
 * record; a bounded in-memory copy covers this instance while Redis is down.
 */
export class IdempotencyStore {
  private readonly memory = new Map<string, MemoryEntry>();
  /** Outcomes recorded while Redis could not be written, written once it can. */
  private readonly unwritten = new Set<string>();
  private readonly options: Required<
    Omit<IdempotencyStoreOptions, 'isRedisAvailable' | 'onRedisError'>
  > &
    IdempotencyStoreOptions;

  constructor(options: IdempotencyStoreOptions) {
    this.options = {
      prefix: 'rate_limit:idempotency',
      ttlSeconds: 7 * 24 * 3600,
      memoryEntries: 50_000,
      ...options,
    };
    const client = options.redis as unknown as Record<string, unknown>;
    if (!client[RELEASE_COMMAND]) {
      options.redis.defineCommand(RELEASE_COMMAND, {
        numberOfKeys: 1,
        lua: RELEASE_SCRIPT,
      });
    }
  }

  /** Claims `messageId` for the receiver `owner` (the SQS receipt handle: unique per receive). */
  async claim(messageId: string, owner: string): Promise<ClaimResult> {
    const claimValue = `claim:${owner}`;
    const local = this.fromMemory(messageId);
    if (local === 'delivered') return { kind: 'done', outcome: local };
    if (local && local !== claimValue) return { kind: 'busy' };

    await this.writeUnwritten();
    const redisResult = await this.withRedis(async redis => {
      const key = this.key(messageId);
      for (let attempt = 0; attempt < 2; attempt++) {
        const set = await redis.set(
          key,
          claimValue,
          'PX',
          this.options.claimTtlMs,
          'NX',
        );
        if (set === 'OK') return { kind: 'claimed' } as const;
        const current = await redis.get(key);
        if (current === 'delivered') {
          return { kind: 'done', outcome: current } as const;
        }
        if (current === claimValue) return { kind: 'claimed' } as const;
        if (current !== null) return { kind: 'busy' } as const;
        // the claim expired between SET and GET: try once more
      }
      return { kind: 'busy' } as const;
    });
    const result = redisResult ?? ({ kind: 'claimed' } as const);
    if (result.kind === 'claimed') {
      this.remember(
        messageId,
        claimValue,
        Date.now() + this.options.claimTtlMs,
      );
    } else if (result.kind === 'done') {
      this.remember(messageId, result.outcome);
    }
    return result;
  }

  /** Gives a claim up (the message will be retried or was deferred). */
  async release(messageId: string, owner: string): Promise<void> {
    const claimValue = `claim:${owner}`;
    if (this.fromMemory(messageId) === claimValue)
      this.memory.delete(messageId);
    await this.withRedis(redis =>
      (
        redis as unknown as Record<
          string,
          (k: string, v: string) => Promise<number>
        >
      )[RELEASE_COMMAND](this.key(messageId), claimValue),
    );
  }

  /** Records the final outcome; later claims of the same id return `done`. */
  async complete(messageId: string, outcome: Outcome): Promise<void> {
    this.remember(messageId, outcome);
    const written = await this.withRedis(redis =>
      redis.set(this.key(messageId), outcome, 'EX', this.options.ttlSeconds),
    );
    if (
      written === undefined &&
      this.unwritten.size < this.options.memoryEntries
    ) {
      this.unwritten.add(messageId);
    }
  }

  /** Shares the deliveries made while Redis was down with the other instances. */
  private async writeUnwritten(): Promise<void> {
    if (this.unwritten.size === 0) return;
    const ids = [...this.unwritten];
    const done = await this.withRedis(async redis => {
      const pipeline = redis.pipeline();
      for (const id of ids)
        pipeline.set(this.key(id), 'delivered', 'EX', this.options.ttlSeconds);
      const results = await pipeline.exec();
      if (!results || results.some(([error]) => error))
        throw new Error('not written');
      return true;
    });
    if (done) for (const id of ids) this.unwritten.delete(id);
  }

  private key(messageId: string) {
    return `${this.options.prefix}:${messageId}`;
  }

  private async withRedis<T>(
    call: (redis: Redis | Cluster) => Promise<T>,
  ): Promise<T | undefined> {
    if (this.options.isRedisAvailable && !this.options.isRedisAvailable())
      return undefined;
    try {
      return await call(this.options.redis);
    } catch (error) {
      this.options.onRedisError?.(error);
      return undefined;
    }
  }

  private fromMemory(messageId: string): string | undefined {
    const entry = this.memory.get(messageId);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.memory.delete(messageId);
      return undefined;
    }
    return entry.value;
  }

  private remember(
    messageId: string,
    value: string,
    expiresAt = Date.now() + this.options.ttlSeconds * 1000,
  ) {
    this.memory.delete(messageId);
    this.memory.set(messageId, { value, expiresAt });
    while (this.memory.size > this.options.memoryEntries) {
      const oldest = this.memory.keys().next().value as string;
      this.memory.delete(oldest);
    }
  }
}
