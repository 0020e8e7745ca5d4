import Redis from 'ioredis';
import { startRedis, RedisServer } from '@prod-hardening/dev-stack';
import { createRateLimiter } from './redisRateLimiter';
import { InMemoryLimiter } from './fallback';
import { DEFAULT_LIMITS } from '../contract';
import { ModeChange, ResilientRateLimiter } from './resilientRateLimiter';
import { createRedisClient } from '../dependencies';
import { withEventLoopLag } from '../../testUtils/eventLoopLag';

jest.setTimeout(60_000);

const T0 = 1_700_000_000_000;

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, {
    commandTimeout: 200,
    maxRetriesPerRequest: 1,
    retryStrategy: () => 50,
  });
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

function build(warmupMs?: number) {
  const changes: ModeChange[] = [];
  const limiter = new ResilientRateLimiter({
    redisLimiter: createRateLimiter({ redis, keyPrefix: `r${Math.random()}` }),
    fallback: new InMemoryLimiter({
      limits: DEFAULT_LIMITS,
      maxConcurrency: 2,
      warmupMs,
    }),
    probe: () => redis.ping(),
    probeIntervalMs: 1_000,
    onModeChange: change => changes.push(change),
  });
  return { limiter, changes };
}

async function waitForRedis() {
  for (let i = 0; i < 100 && redis.status !== 'ready'; i++) {
    await new Promise(r => setTimeout(r, 50));
  }
}

it('decides with Redis while it answers', async () => {
  // The client connects in the background; a decision before it is ready would
  // (correctly) go to the fallback.
  await waitForRedis();
  const { limiter } = build();
  await expect(limiter.consume('u1', T0)).resolves.toEqual({
    allowed: true,
    tokensRemaining: 2,
    source: 'redis',
  });
  expect(limiter.mode).toBe('redis');
});

it('falls back when Redis stops, and returns to Redis when it is back', async () => {
  const { limiter, changes } = build(10_000);
  await limiter.consume('u1', T0);

  await server.stop();
  const started = Date.now();
  const during = await limiter.consume('u1', T0 + 1_000);
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(during).toMatchObject({
    allowed: false,
    source: 'fallback',
    retryAfter: 10_000,
  });
  expect(limiter.mode).toBe('fallback');
  expect(changes).toEqual([
    expect.objectContaining({ mode: 'fallback', atMs: T0 + 1_000 }),
  ]);

  // after the warm-up the fallback allows this instance's share (1 burst, 5 / min)
  await expect(limiter.consume('u2', T0 + 11_000)).resolves.toMatchObject({
    allowed: true,
    source: 'fallback',
  });

  server = await startRedis({ port: server.port });
  await waitForRedis();

  // not probed again before the probe interval has passed
  await expect(limiter.consume('u3', T0 + 11_500)).resolves.toMatchObject({
    source: 'fallback',
  });
  // the probe succeeds: back to Redis, still gated by this instance's share
  await expect(limiter.consume('u2', T0 + 12_000)).resolves.toMatchObject({
    allowed: false,
    source: 'fallback',
  });
  expect(limiter.mode).toBe('redis');
  expect(changes.map(c => c.mode)).toEqual(['fallback', 'redis']);
  await expect(limiter.consume('u4', T0 + 12_000)).resolves.toMatchObject({
    allowed: true,
    source: 'redis',
  });
  // once the gate window is over only Redis decides again
  const late = T0 + 12_000 + 60_000;
  const burst = [];
  for (let i = 0; i < 4; i++) burst.push(await limiter.consume('u5', late));
  expect(burst.map(d => [d.allowed, d.source])).toEqual([
    [true, 'redis'],
    [true, 'redis'],
    [true, 'redis'],
    [false, 'redis'],
  ]);
});

it('rethrows bad arguments instead of falling back', async () => {
  const { limiter } = build();
  await expect(limiter.consume('u1', Number.NaN)).rejects.toThrow(TypeError);
  expect(limiter.mode).toBe('redis');
});

it('falls back within one command timeout when Redis hangs, on the auto-pipelined Lambda client', async () => {
  await waitForRedis();
  // the client exactly as the Lambda builds it (auto-pipelining on)
  const lambdaRedis = createRedisClient({
    url: server.url,
    commandTimeoutMs: 200,
    connectTimeoutMs: 1_000,
  });
  try {
    const changes: ModeChange[] = [];
    const limiter = new ResilientRateLimiter({
      redisLimiter: createRateLimiter({
        redis: lambdaRedis,
        keyPrefix: `h${Math.random()}`,
      }),
      fallback: new InMemoryLimiter({
        limits: DEFAULT_LIMITS,
        maxConcurrency: 2,
      }),
      probe: () => lambdaRedis.ping(),
      probeIntervalMs: 1_000,
      onModeChange: change => changes.push(change),
    });
    await expect(limiter.consume('u1', T0)).resolves.toMatchObject({
      source: 'redis',
    });

    // Redis accepts the connection but answers nothing (as when it is overloaded)
    const pausedUntil = Date.now() + 1_500;
    await redis.client('PAUSE', 1_500, 'ALL');
    const timed = (userId: string) => {
      const started = Date.now();
      return limiter
        .consume(userId, T0 + 1_000)
        .then(d => ({ ...d, ms: Date.now() - started }));
    };
    // a batch of 10 decided at once shares one script call; a second batch is
    // written at once too (it does not queue behind the first in ioredis'
    // auto-pipeline), so each times out one command timeout after it was asked
    const { result: decisions, lagMs } = await withEventLoopLag(async () => {
      const first = Array.from({ length: 10 }, (_, i) => timed(`a${i}`));
      await new Promise(r => setTimeout(r, 50));
      const second = Array.from({ length: 10 }, (_, i) => timed(`b${i}`));
      return Promise.all([...first, ...second]);
    });

    expect(decisions.map(d => d.source)).toEqual(Array(20).fill('fallback'));
    expect(Math.max(...decisions.map(d => d.ms))).toBeLessThan(
      200 + 140 + lagMs,
    );
    expect(changes).toEqual([expect.objectContaining({ mode: 'fallback' })]);
    await new Promise(r =>
      setTimeout(r, Math.max(0, pausedUntil - Date.now()) + 100),
    );
  } finally {
    lambdaRedis.disconnect();
  }
});
