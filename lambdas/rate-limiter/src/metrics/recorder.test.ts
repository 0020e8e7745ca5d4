import Redis from 'ioredis';
import { startRedis, RedisServer } from '@prod-hardening/dev-stack';
import { LIMITS_REWRITE_MS, MetricsRecorder } from './recorder';

jest.setTimeout(30_000);

const T0 = 1_795_000_000_000;
const LIMITS = { capacity: 3, refill_interval_ms: 6000, window_limit: 10, window_ms: 60000 };

describe('MetricsRecorder limits', () => {
  let server: RedisServer;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedis();
    redis = new Redis(server.url);
  });

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('writes the limits again once a minute, so a Redis that lost them shows them again', async () => {
    const recorder = new MetricsRecorder({ redis, prefix: 'rewrite', instanceId: 'i-1' });
    await recorder.writeLimits(LIMITS, T0);
    await redis.flushall(); // a restart without persistence

    recorder.count('allowed', T0 + 1_000);
    await recorder.flush(T0 + 1_000);
    expect(await redis.hgetall('rewrite:limits')).toEqual({});

    recorder.count('allowed', T0 + LIMITS_REWRITE_MS);
    await recorder.flush(T0 + LIMITS_REWRITE_MS);
    expect(await redis.hgetall('rewrite:limits')).toEqual({
      capacity: '3',
      refill_interval_ms: '6000',
      window_limit: '10',
      window_ms: '60000',
      updated_at_ms: String(T0 + LIMITS_REWRITE_MS),
    });
  });
});
