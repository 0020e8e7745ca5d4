import { mockServices } from '@backstage/backend-test-utils';
import { RedisServer, startRedis } from '@prod-hardening/dev-stack';
import {
  createRateLimiter,
  DEFAULT_LIMITS,
} from '@prod-hardening/rate-limiter';
import Redis from 'ioredis';
import { RateLimiterMetricsSource } from '../sources/rateLimiterMetrics';
import { RedisPingSource } from '../sources/redisPing';
import { portalAccessString } from './portalAcl';
import { createRedisConnection, RedisConnection } from './redisClientFactory';

jest.setTimeout(60_000);

const PREFIXES = {
  limiterKeyPrefix: 'rate_limit:onlyfans',
  metricsKeyPrefix: 'rate_limit:metrics',
};
const NOW = Date.parse('2026-12-01T12:00:30Z');
const MINUTE = Math.floor(NOW / 60_000);

describe('the portal as a read-only Redis ACL user (real redis-server)', () => {
  let server: RedisServer;
  let admin: Redis;
  let portal: RedisConnection;

  beforeAll(async () => {
    server = await startRedis({ password: 'admin-secret' });
    admin = new Redis(server.url, { password: 'admin-secret' });
    // What the Lambda writes: a creator's bucket and a minute of metrics.
    await createRateLimiter({
      redis: admin,
      keyPrefix: PREFIXES.limiterKeyPrefix,
    }).consume('creator-1', NOW);
    await admin.hset(`rate_limit:metrics:counters:${MINUTE}`, 'allowed', 1);
    await admin.zadd(`rate_limit:metrics:creators:${MINUTE}`, 1, 'creator-1');
    await admin.hset('rate_limit:metrics:limits', 'capacity', 10);

    await admin.call(
      'ACL',
      'SETUSER',
      'prod-hardening-portal',
      'reset',
      '>portal-secret',
      ...portalAccessString(PREFIXES).split(' '),
    );
    portal = createRedisConnection(
      {
        // The server's url carries the admin password; the portal signs in as itself.
        url: `redis://127.0.0.1:${server.port}`,
        username: 'prod-hardening-portal',
        password: 'portal-secret',
        connectTimeoutMs: 1000,
        commandTimeoutMs: 1000,
      },
      mockServices.logger.mock(),
    );
  });

  afterAll(async () => {
    await portal?.close();
    admin?.disconnect();
    await server?.stop();
  });

  it('reads what the Throttling tab reads: metrics and the limiter peek', async () => {
    const source = new RateLimiterMetricsSource(portal, {
      ...PREFIXES,
      connectWaitMs: 2000,
    });
    const read = await source.read([MINUTE], 5);
    expect(read.minutes[0].counters).toEqual({ allowed: '1' });
    expect(read.creatorTops[0]).toEqual(['creator-1', '1']);
    expect(read.limits).toEqual({ capacity: '10' });
    const [peek] = await source.peek(['creator-1'], NOW, DEFAULT_LIMITS);
    expect(peek.tokensAvailable).toBe(DEFAULT_LIMITS.capacity - 1);
  });

  it('writes its health probe key', async () => {
    await expect(new RedisPingSource(portal).ping()).resolves.toBeUndefined();
  });

  it.each([
    ['SET on a limiter key', ['set', 'rate_limit:onlyfans:{creator-1}', 'x']],
    [
      'HSET on a metrics key',
      ['hset', `rate_limit:metrics:counters:${MINUTE}`, 'allowed', '99'],
    ],
    ['DEL of a metrics key', ['del', 'rate_limit:metrics:limits']],
    ['SET on any other key', ['set', 'anything', 'x']],
    [
      'a write inside a read-only script',
      [
        'eval_ro',
        "return redis.call('set', KEYS[1], 'x')",
        '1',
        'rate_limit:onlyfans:{creator-1}',
      ],
    ],
    [
      'a read-write script',
      [
        'eval',
        "return redis.call('get', KEYS[1])",
        '1',
        'rate_limit:onlyfans:{creator-1}',
      ],
    ],
    ['FLUSHALL', ['flushall']],
    ['KEYS', ['keys', '*']],
    ['CONFIG SET', ['config', 'set', 'maxmemory-policy', 'allkeys-lru']],
  ])('is refused %s', async (_name, [command, ...args]) => {
    await expect(portal.client.call(command, ...args)).rejects.toThrow(
      /NOPERM|can't (run|access)/,
    );
  });

  it('is refused a token from the limiter (a consuming decision)', async () => {
    const limiter = createRateLimiter({
      redis: portal.client,
      keyPrefix: PREFIXES.limiterKeyPrefix,
    });
    await expect(limiter.consume('creator-1', NOW + 1000)).rejects.toThrow(
      /NOPERM/,
    );
    expect(
      await admin.hgetall(`rate_limit:metrics:counters:${MINUTE}`),
    ).toEqual({ allowed: '1' });
  });
});
