import Redis from 'ioredis';
import fc from 'fast-check';
import { startRedis, RedisServer } from '@prod-hardening/dev-stack';
import { createRateLimiter, RateLimiter } from './redisRateLimiter';
import { decodeConsumeReply, LIMITER_SCRIPT, scriptArguments } from './scripts';
import { DEFAULT_LIMITS, RateLimits } from '../contract';
import { CreatorState, decide } from './model';
import { scriptCalls } from '../../testUtils/scriptCalls';

jest.setTimeout(60_000);

const T0 = 1_700_000_000_000;

/** Five sends of one creator at the same instant: the burst of 3, then two denials. */
const FIVE_AT_ONCE = [
  { allowed: true, tokensRemaining: 2 },
  { allowed: true, tokensRemaining: 1 },
  { allowed: true, tokensRemaining: 0 },
  { allowed: false, retryAfter: 6000, tokensRemaining: 0 },
  { allowed: false, retryAfter: 6000, tokensRemaining: 0 },
];

let server: RedisServer;
let redis: Redis;
let limiter: RateLimiter;
let prefix: string;
let prefixCounter = 0;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, { enableAutoPipelining: true });
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

beforeEach(() => {
  prefix = `test${++prefixCounter}:rate_limit:onlyfans`;
  limiter = createRateLimiter({ redis, keyPrefix: prefix });
});

async function consumeAll(userId: string, times: number[]) {
  const results = [];
  for (const t of times) results.push(await limiter.consume(userId, t));
  return results;
}

async function snapshot(userId: string) {
  const bucket = await redis.getBuffer(`${prefix}:{${userId}}`);
  const ttl = await redis.pttl(`${prefix}:{${userId}}`);
  return { bucket, ttl };
}

/** How many commands Redis has answered with NOSCRIPT so far. */
async function noscriptErrors() {
  const stats = (await redis.info('errorstats')).match(
    /errorstat_NOSCRIPT:count=(\d+)/,
  );
  return stats ? Number(stats[1]) : 0;
}

/** The stored state: [tokens, refilled_at, send times oldest first], as written by the script. */
function storedState(bucket: Buffer | null): number[] {
  if (!bucket) return [];
  return Array.from({ length: bucket.length / 8 }, (_, i) =>
    bucket.readDoubleLE(i * 8),
  );
}

describe('Lua script', () => {
  it('loads into a real Redis', async () => {
    await expect(redis.script('LOAD', LIMITER_SCRIPT)).resolves.toMatch(
      /^[0-9a-f]{40}$/,
    );
  });

  it('takes its limits and times from ARGV as documented', async () => {
    const key = `${prefix}:{argv}`;
    const consume = scriptArguments('consume', DEFAULT_LIMITS);
    expect(consume).toEqual(['consume', 3, 6_000, 10, 60_000, 60_000]);
    await expect(
      redis.eval(LIMITER_SCRIPT, 2, key, key, ...consume, T0, T0),
    ).resolves.toEqual([2, 1]);
    await expect(
      redis.eval(
        LIMITER_SCRIPT,
        1,
        key,
        ...scriptArguments('peek', DEFAULT_LIMITS),
        T0 + 6_000,
      ),
    ).resolves.toEqual([[2, 0, 2]]);
    expect(await redis.pttl(key)).toBeGreaterThan(59_000);
  });

  it('refuses limits whose denial would not fit in one integer reply', () => {
    const limits = { ...DEFAULT_LIMITS, capacity: 2 ** 20, windowMs: 2 ** 40 };
    expect(() => scriptArguments('consume', limits)).toThrow(RangeError);
    expect(() => createRateLimiter({ redis, limits })).toThrow(RangeError);
  });

  it('encode a decision in one integer that decodes to the response', () => {
    expect(decodeConsumeReply(2, 3)).toEqual({
      allowed: true,
      tokensRemaining: 2,
    });
    expect(decodeConsumeReply(0, 3)).toEqual({
      allowed: true,
      tokensRemaining: 0,
    });
    // denied, retry after 6000 ms with 0 tokens: -(6000 × 4 + 0) - 1
    expect(decodeConsumeReply(-24_001, 3)).toEqual({
      allowed: false,
      retryAfter: 6_000,
      tokensRemaining: 0,
    });
    expect(decodeConsumeReply(-(12_000 * 4 + 1) - 1, 3)).toEqual({
      allowed: false,
      retryAfter: 12_000,
      tokensRemaining: 1,
    });
  });
});

describe('createRateLimiter conformance (fixed clock)', () => {
  it('allows 3 of 5 messages at t=0 and denies the rest with retryAfter 6000', async () => {
    const results = await consumeAll('u1', [T0, T0, T0, T0, T0]);
    expect(results).toEqual(FIVE_AT_ONCE);
  });

  it('denies at 5,999 ms and allows at 6,000 ms after the burst', async () => {
    await consumeAll('u1', [T0, T0, T0]);
    await expect(limiter.consume('u1', T0 + 5_999)).resolves.toEqual({
      allowed: false,
      retryAfter: 1,
      tokensRemaining: 0,
    });
    await expect(limiter.consume('u1', T0 + 6_000)).resolves.toEqual({
      allowed: true,
      tokensRemaining: 0,
    });
  });

  it('has exactly 3 tokens after 18 s idle, never more', async () => {
    await consumeAll('u1', [T0, T0, T0]);
    await expect(limiter.peek('u1', T0 + 17_999)).resolves.toMatchObject({
      tokensAvailable: 2,
    });
    await expect(limiter.peek('u1', T0 + 18_000)).resolves.toMatchObject({
      tokensAvailable: 3,
    });
    await expect(limiter.peek('u1', T0 + 600_000)).resolves.toMatchObject({
      tokensAvailable: 3,
    });
    const after = await consumeAll('u1', [
      T0 + 18_000,
      T0 + 18_000,
      T0 + 18_000,
      T0 + 18_000,
    ]);
    expect(after.map(r => r.allowed)).toEqual([true, true, true, false]);
  });

  it('never allows an 11th send inside a rolling 60 s window', async () => {
    // 3 at once, then one per refill: the 10th send is at 42 s
    const times = [0, 0, 0, 6, 12, 18, 24, 30, 36, 42].map(s => T0 + s * 1000);
    const allowed = await consumeAll('u1', times);
    expect(allowed.every(r => r.allowed)).toBe(true);
    // a token is back at 48 s but the window is full until the first send is 60 s old
    await expect(limiter.consume('u1', T0 + 48_000)).resolves.toEqual({
      allowed: false,
      retryAfter: 12_000,
      tokensRemaining: 1,
    });
    await expect(limiter.consume('u1', T0 + 59_999)).resolves.toMatchObject({
      allowed: false,
      retryAfter: 1,
    });
    await expect(limiter.consume('u1', T0 + 60_000)).resolves.toMatchObject({
      allowed: true,
    });
  });

  it('leaves the state unchanged on a denial, TTL included', async () => {
    await consumeAll('u1', [T0, T0, T0]);
    const before = await snapshot('u1');
    await consumeAll('u1', [T0 + 1_000, T0 + 2_000, T0 + 5_999]);
    const after = await snapshot('u1');
    expect(after.bucket).toEqual(before.bucket);
    expect(after.ttl).toBeLessThanOrEqual(before.ttl);
  });

  it('never moves stored time backwards when the caller clock does', async () => {
    await consumeAll('u1', [T0 + 10_000, T0 + 10_000, T0 + 10_000]);
    // an earlier clock is treated as the last send time: still no token
    await expect(limiter.consume('u1', T0)).resolves.toEqual({
      allowed: false,
      retryAfter: 6_000,
      tokensRemaining: 0,
    });
    await expect(limiter.consume('u1', T0 + 16_000)).resolves.toMatchObject({
      allowed: true,
    });
    expect(storedState((await snapshot('u1')).bucket).at(-1)).toBe(T0 + 16_000);
  });

  it('stores tokens, refill point and the send times oldest first in one string', async () => {
    await consumeAll('u1', [T0, T0 + 1_000, T0 + 6_000]);
    // 3 - 1 - 1, one refill counted from T0 at 6 s, - 1
    expect(storedState((await snapshot('u1')).bucket)).toEqual([
      1,
      T0 + 6_000,
      T0,
      T0 + 1_000,
      T0 + 6_000,
    ]);
  });

  it('keeps creators independent', async () => {
    await consumeAll('u1', [T0, T0, T0, T0]);
    await expect(limiter.consume('u2', T0)).resolves.toEqual({
      allowed: true,
      tokensRemaining: 2,
    });
  });

  it('keeps a creator in one hash-tagged key that expires when idle', async () => {
    await limiter.consume('creator-9', T0);
    expect(await redis.keys(`${prefix}:*`)).toEqual([`${prefix}:{creator-9}`]);
    const ttl = await redis.pttl(`${prefix}:{creator-9}`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps the window when the window limit is reconfigured', async () => {
    const times = [0, 0, 0, 6, 12, 18, 24, 30].map(s => T0 + s * 1000);
    await consumeAll('u1', times);
    const smaller = createRateLimiter({
      redis,
      keyPrefix: prefix,
      limits: { windowLimit: 8 },
    });
    await expect(smaller.consume('u1', T0 + 36_000)).resolves.toEqual({
      allowed: false,
      retryAfter: 24_000,
      tokensRemaining: 1,
    });
    await expect(smaller.peek('u1', T0 + 36_000)).resolves.toMatchObject({
      sendsInWindow: 8,
    });
    await expect(smaller.consume('u1', T0 + 60_000)).resolves.toMatchObject({
      allowed: true,
    });
    await expect(limiter.consume('u1', T0 + 66_000)).resolves.toMatchObject({
      allowed: true,
    });
  });

  it('keeps working after SCRIPT FLUSH', async () => {
    await limiter.consume('u1', T0);
    await redis.script('FLUSH');
    await expect(limiter.consume('u1', T0)).resolves.toEqual({
      allowed: true,
      tokensRemaining: 1,
    });
  });

  it('keeps working after SCRIPT FLUSH when concurrent decisions share one call', async () => {
    await limiter.consume('u1', T0);
    await redis.script('FLUSH');
    const noscriptBefore = await noscriptErrors();
    // a batch of SQS records decided at once: their EVALSHA is answered
    // NOSCRIPT and re-sent with the script, and every decision is made once
    const [sameCreator, others] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => limiter.consume('u1', T0))),
      Promise.all(
        Array.from({ length: 5 }, (_, i) => limiter.consume(`v${i}`, T0)),
      ),
    ]);
    expect(await noscriptErrors()).toBeGreaterThan(noscriptBefore);
    // u1 had 2 tokens left: 2 more allowed, the rest denied, each decided once
    expect(sameCreator.filter(d => d.allowed)).toHaveLength(2);
    expect(sameCreator.filter(d => !d.allowed).map(d => d.retryAfter)).toEqual([
      6_000, 6_000, 6_000,
    ]);
    expect(others).toEqual(
      Array(5).fill({ allowed: true, tokensRemaining: 2 }),
    );
    expect(storedState((await snapshot('u1')).bucket).slice(2)).toEqual([
      T0,
      T0,
      T0,
    ]);
  });

  it('decides the sends asked for at once in one script call, in order per creator', async () => {
    const callsBefore = await scriptCalls(redis);
    const decisions = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limiter.consume(i % 2 ? 'u1' : 'u2', T0),
      ),
    );
    expect(await scriptCalls(redis)).toBe(callsBefore + 1);
    for (const creator of [0, 1]) {
      expect(decisions.filter((_, i) => i % 2 === creator)).toEqual(
        FIVE_AT_ONCE,
      );
    }
  });

  it('splits a large burst into calls of at most maxBatchSize decisions', async () => {
    const small = createRateLimiter({
      redis,
      keyPrefix: prefix,
      maxBatchSize: 4,
    });
    const callsBefore = await scriptCalls(redis);
    const decisions = await Promise.all(
      Array.from({ length: 10 }, (_, i) => small.consume(`burst-${i}`, T0)),
    );
    expect(decisions.every(d => d.allowed)).toBe(true);
    expect(await scriptCalls(redis)).toBe(callsBefore + 3);
  });

  it("keeps the client's own key prefix, as ioredis commands do", async () => {
    const prefixed = new Redis(server.url, { keyPrefix: 'tenant-a:' });
    try {
      const scoped = createRateLimiter({ redis: prefixed, keyPrefix: prefix });
      await scoped.consume('u1', T0);
      expect(await redis.exists(`tenant-a:${prefix}:{u1}`)).toBe(1);
      expect(await redis.exists(`${prefix}:{u1}`)).toBe(0);
      await expect(scoped.peek('u1', T0)).resolves.toMatchObject({
        tokensAvailable: 2,
      });
    } finally {
      prefixed.disconnect();
    }
  });

  it('applies configured limits', async () => {
    const custom = createRateLimiter({
      redis,
      keyPrefix: prefix,
      limits: {
        capacity: 1,
        refillIntervalMs: 1_000,
        windowLimit: 2,
        windowMs: 10_000,
      },
    });
    const decisions = [];
    for (const t of [0, 0, 1_000, 2_000, 10_000]) {
      decisions.push((await custom.consume('u1', T0 + t)).allowed);
    }
    expect(decisions).toEqual([true, false, true, false, true]);
  });

  it('rejects a non-integer clock and an empty user id', async () => {
    await expect(limiter.consume('u1', 1.5)).rejects.toThrow(TypeError);
    await expect(limiter.consume('', T0)).rejects.toThrow(TypeError);
  });
});

/** Checks a list of allowed send times against both rules. */
function violations(sendTimes: number[], limits: RateLimits): string[] {
  const found: string[] = [];
  const sorted = [...sendTimes].sort((a, b) => a - b);
  for (let j = 0; j < sorted.length; j++) {
    for (let i = 0; i <= j; i++) {
      const count = j - i + 1;
      const span = sorted[j] - sorted[i];
      if (span < limits.windowMs && count > limits.windowLimit) {
        found.push(`${count} sends within ${span} ms`);
      }
      const bucketMax =
        limits.capacity + Math.floor(span / limits.refillIntervalMs);
      if (count > bucketMax)
        found.push(`${count} sends within ${span} ms exceed the bucket`);
    }
  }
  return found;
}

describe('createRateLimiter properties (random traces)', () => {
  const trace = fc.array(
    fc.record({
      creator: fc.integer({ min: 0, max: 19 }),
      gapMs: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 20_000 }),
      ),
      clockSkewMs: fc.oneof(
        fc.constant(0),
        fc.integer({ min: -3_000, max: 0 }),
      ),
    }),
    { minLength: 1, maxLength: 300 },
  );

  it('never lets a rolling window hold more than the limit, for many creators', async () => {
    await fc.assert(
      fc.asyncProperty(trace, async arrivals => {
        const run = `p${++prefixCounter}`;
        const propLimiter = createRateLimiter({ redis, keyPrefix: run });
        const sent = new Map<number, number[]>();
        let clock = T0;
        await Promise.all(
          arrivals.map(a => {
            clock += a.gapMs;
            const now = clock + a.clockSkewMs;
            return propLimiter.consume(`c${a.creator}`, now).then(r => {
              if (r.allowed) {
                const list = sent.get(a.creator) ?? [];
                list.push(Math.max(now, ...list));
                sent.set(a.creator, list);
              }
            });
          }),
        );
        for (const times of sent.values()) {
          expect(violations(times, DEFAULT_LIMITS)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('decides exactly like the reference model', async () => {
    const limits = {
      capacity: 3,
      refillIntervalMs: 6_000,
      windowLimit: 10,
      windowMs: 60_000,
    };
    await fc.assert(
      fc.asyncProperty(trace, async arrivals => {
        const run = `m${++prefixCounter}`;
        const propLimiter = createRateLimiter({
          redis,
          keyPrefix: run,
          limits,
        });
        const model = new Map<string, CreatorState | undefined>();
        let clock = T0;
        for (const a of arrivals) {
          clock += a.gapMs;
          const userId = `c${a.creator}`;
          const expected = decide(
            model.get(userId),
            clock + a.clockSkewMs,
            limits,
          );
          model.set(userId, expected.state);
          const actual = await propLimiter.consume(
            userId,
            clock + a.clockSkewMs,
          );
          expect(actual).toEqual(
            expected.allowed
              ? { allowed: true, tokensRemaining: expected.tokens }
              : {
                  allowed: false,
                  retryAfter: expected.retryAfterMs,
                  tokensRemaining: expected.tokens,
                },
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});
