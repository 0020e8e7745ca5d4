import { mockServices } from '@backstage/backend-test-utils';
import {
  redisCommand,
  RedisFailoverPair,
  startRedisFailoverPair,
} from '@prod-hardening/dev-stack';
import Redis from 'ioredis';
import { createRedisConnection, RedisConnection } from './redisClientFactory';

jest.setTimeout(60_000);

/** Retries `write` until it succeeds or `withinMs` passes; the last error otherwise. */
async function eventually(write: () => Promise<unknown>, withinMs: number) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await write();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

describe('the portal Redis client after a failover (real redis-server primary and replica)', () => {
  let pair: RedisFailoverPair;
  let connection: RedisConnection;
  let plain: Redis;

  beforeAll(async () => {
    pair = await startRedisFailoverPair();
    connection = createRedisConnection(
      { url: pair.url, connectTimeoutMs: 1000, commandTimeoutMs: 1000 },
      mockServices.logger.mock(),
    );
    // The same endpoint without READONLY handling: what the portal did before.
    plain = new Redis(pair.url, { maxRetriesPerRequest: 1 });
    await eventually(() => connection.client.set('probe', 'before'), 5_000);
    await plain.set('probe', 'before');
  });

  afterAll(async () => {
    await connection?.close();
    plain?.disconnect();
    await pair?.stop();
  });

  it('reconnects on READONLY and writes to the new primary', async () => {
    await pair.failover();

    // The open connection is on the demoted node: without reconnecting, writes fail.
    await expect(plain.set('probe', 'after')).rejects.toThrow(/^READONLY/);
    await expect(plain.set('probe', 'after')).rejects.toThrow(/^READONLY/);

    await eventually(() => connection.client.set('probe', 'after'), 3_000);
    expect(await redisCommand(pair.primary().port, 'GET probe')).toContain(
      'after',
    );
  });
});
