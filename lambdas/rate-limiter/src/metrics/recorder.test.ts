import Redis from 'ioredis';
import { startRedis, RedisServer } from '@prod-hardening/dev-stack';
import { commandCalls } from '../../testUtils/scriptCalls';
import { MetricsRecorder } from './recorder';

jest.setTimeout(30_000);

const T0 = 1_795_000_000_000;
const LIMITS = {
  capacity: 3,
  refill_interval_ms: 6000,
  window_limit: 10,
  window_ms: 60000,
};

describe('MetricsRecorder limits', () => {
  let server: RedisServer;
  let redis: Redis;

  beforeEach(async () => {
    server = await startRedis();
    redis = new Redis(server.url, {
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
    });
  });

  afterEach(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('writes the limits again on the first flush after Redis restarted empty', async () => {
    const recorder = new MetricsRecorder({
      redis,
      prefix: 'restore',
      instanceId: 'i-1',
    });
    await recorder.writeLimits(LIMITS, T0);

    // A restart without persistence: a new, empty server on the same port.
    const { port } = server;
    await server.stop();
    server = await startRedis({ port });
    await new Promise<void>(resolve =>
      redis.status === 'ready'
        ? resolve()
        : redis.once('ready', () => resolve()),
    );
    expect(await redis.exists('restore:limits')).toBe(0);

    recorder.count('allowed', T0 + 1_000);
    expect(await recorder.flush(T0 + 1_000)).toBe(true);
    expect(await redis.hgetall('restore:limits')).toEqual({
      capacity: '3',
      refill_interval_ms: '6000',
      window_limit: '10',
      window_ms: '60000',
      updated_at_ms: String(T0 + 1_000),
    });
  });

  it('costs one command per flush and leaves intact limits as they were written', async () => {
    const recorder = new MetricsRecorder({
      redis,
      prefix: 'intact',
      instanceId: 'i-1',
    });
    await recorder.writeLimits(LIMITS, T0);
    await redis.config('RESETSTAT');

    recorder.count('allowed', T0 + 1_000);
    await recorder.flush(T0 + 1_000);

    const calls = await commandCalls(redis);
    expect(calls.eval).toBe(1);
    expect(calls.hset).toBeUndefined();
    expect(await redis.hget('intact:limits', 'updated_at_ms')).toBe(String(T0));
  });

  it('records limits that could not be written at start-up on the first flush that can', async () => {
    const recorder = new MetricsRecorder({
      redis,
      prefix: 'late',
      instanceId: 'i-1',
    });
    const { port } = server;
    await server.stop();
    await expect(recorder.writeLimits(LIMITS, T0)).rejects.toThrow();

    server = await startRedis({ port });
    await new Promise<void>(resolve =>
      redis.status === 'ready'
        ? resolve()
        : redis.once('ready', () => resolve()),
    );
    recorder.count('allowed', T0 + 2_000);
    await recorder.flush(T0 + 2_000);
    expect(await redis.hget('late:limits', 'capacity')).toBe('3');
  });
});
