import {
  redisCommand,
  RedisFailoverPair,
  startRedisFailoverPair,
} from '@prod-hardening/dev-stack';
import type Redis from 'ioredis';
import { createRateLimiter } from '../limiter/redisRateLimiter';
import { createRedisClient } from './client';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-12-01T00:00:00Z');

describe('the Lambda Redis client after a failover (real redis-server primary and replica)', () => {
  let pair: RedisFailoverPair;
  let redis: Redis;

  beforeAll(async () => {
    pair = await startRedisFailoverPair();
    redis = createRedisClient({
      url: pair.url,
      commandTimeoutMs: 1_000,
      connectTimeoutMs: 1_000,
    });
  });

  afterAll(async () => {
    redis?.disconnect();
    await pair?.stop();
  });

  it('keeps deciding in Redis: the limiter script that hits READONLY is resent to the new primary', async () => {
    const limiter = createRateLimiter({ redis, keyPrefix: 'failover' });
    await expect(limiter.consume('creator-1', T0)).resolves.toMatchObject({
      allowed: true,
    });
    const oldPrimary = pair.primary().port;

    await pair.failover();
    await expect(
      redisCommand(oldPrimary, 'SET failover:probe x'),
    ).rejects.toThrow(/READONLY/);

    // No error reaches the caller: the refused command is sent again after reconnecting.
    await expect(
      limiter.consume('creator-1', T0 + 1_000),
    ).resolves.toMatchObject({ allowed: true });
    expect(
      await redisCommand(pair.primary().port, 'KEYS failover:*'),
    ).toContain('creator-1');
  });
});
