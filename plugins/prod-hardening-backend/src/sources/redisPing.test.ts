import { mockServices } from '@backstage/backend-test-utils';
import {
  redisCommand,
  RedisFailoverPair,
  startRedisFailoverPair,
} from '@prod-hardening/dev-stack';
import { createRedisConnection, RedisConnection } from '../redis';
import { probeKey, RedisPingSource } from './redisPing';

jest.setTimeout(60_000);

describe('the Redis health probe (real redis-server primary and replica)', () => {
  let pair: RedisFailoverPair;
  const connections: RedisConnection[] = [];

  const connect = async (port: number) => {
    const connection = createRedisConnection(
      {
        url: `redis://127.0.0.1:${port}`,
        connectTimeoutMs: 1000,
        commandTimeoutMs: 1000,
      },
      mockServices.logger.mock(),
    );
    connections.push(connection);
    while (connection.client.status !== 'ready') {
      await new Promise(r => setTimeout(r, 20));
    }
    return connection;
  };

  beforeAll(async () => {
    pair = await startRedisFailoverPair();
  });

  afterAll(async () => {
    await Promise.all(connections.map(c => c.close()));
    await pair?.stop();
  });

  it('passes on the primary by writing its own key with a short TTL', async () => {
    const key = probeKey('backend-1', 4242);
    expect(key).toBe('prod-hardening:probe:backend-1:4242');
    const probe = new RedisPingSource(await connect(pair.primary().port), key);
    await expect(probe.ping()).resolves.toBeUndefined();
    const ttl = Number(
      (await redisCommand(pair.primary().port, `PTTL ${key}`)).slice(1),
    );
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });

  it("fails on a replica, which answers PING but cannot take the limiter's writes", async () => {
    const replica = await connect(pair.replica().port);
    expect(await replica.client.ping()).toBe('PONG');
    await expect(new RedisPingSource(replica).ping()).rejects.toThrow(
      /READONLY/,
    );
  });
});
