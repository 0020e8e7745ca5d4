import { startTestBackend } from '@backstage/backend-test-utils';
import {
  MotoServer,
  RedisServer,
  ResourceNames,
  startRedis,
} from '@prod-hardening/dev-stack';
import { MetricsRecorder } from '@prod-hardening/rate-limiter';
import Redis from 'ioredis';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { pluginConfig, startSeededMoto } from '../testUtils/localAccount';

jest.setTimeout(120_000);

describe('GET /success-metrics on the seeded account, with the limiter’s metrics in redis-server', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let redis: RedisServer;
  let server: any;

  beforeAll(async () => {
    [{ moto, resources }, redis] = await Promise.all([
      startSeededMoto(),
      startRedis(),
    ]);
    // The limiter's own recorder writes the minute's counters, as the Lambda does.
    const client = new Redis(redis.url);
    const recorder = new MetricsRecorder({ redis: client, instanceId: 'test' });
    const now = Date.now();
    recorder.count('sent', now, 497);
    recorder.count('dead_lettered', now, 3);
    for (let i = 0; i < 200; i++)
      recorder.decision(`creator-${i % 20}`, 1.5, now);
    recorder.decision('creator-slow', 700, now);
    expect(await recorder.flush()).toBe(true);
    client.disconnect();

    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({
          endpoint: moto.endpoint,
          redisUrl: redis.url,
          resources,
        }),
      ],
    }));
  });

  afterAll(async () => {
    await Promise.all([moto?.stop(), redis?.stop()]);
  });

  it('computes every seed metric from the portal’s own sources', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/success-metrics',
    );
    expect(res.status).toBe(200);
    const m = Object.fromEntries(res.body.metrics.map((x: any) => [x.id, x]));
    expect(Object.keys(m)).toHaveLength(12);

    // The seed's Redis is unencrypted and its account Block Public Access is off.
    expect(m['encryption-coverage'].status).toBe('not-met');
    expect(m['encryption-coverage'].value).toMatch(/^\d+(\.\d)?%$/);
    expect(m['public-s3-buckets']).toMatchObject({
      status: 'not-met',
      checkId: 's3-account-public-access-block',
    });
    // Seeded findings include high and critical ones.
    expect(m['high-critical-findings'].status).toBe('not-met');
    expect(Number(m['high-critical-findings'].value)).toBeGreaterThan(0);
    expect(m['container-insights'].target).toBe('3 of 3');
    expect(m['monthly-cost'].status).toBe('not-met');
    expect(m['monthly-cost'].target).toBe('< $500.00');

    // From the limiter's counters: 3 dead-lettered of 500 finished, no 429 from the API.
    expect(m['dlq-rate']).toMatchObject({ value: '0.6%', status: 'met' });
    expect(m['limiter-compliance']).toMatchObject({
      value: '100%',
      status: 'met',
    });
    // 200 fast decisions and one slow one: the 99th percentile is in the 2 ms bucket.
    expect(m['decision-latency-p99']).toMatchObject({
      value: '≤ 2 ms',
      status: 'met',
    });
    // No change day configured: the savings goals are not scored.
    expect(m['savings-vpc-endpoints-nat'].status).toBe('unknown');
    expect(m['savings-vpc-endpoints-nat'].detail).toContain(
      'prodHardening.finops.savingsChangeDay',
    );
    expect(res.body.met + res.body.notMet + res.body.unknown).toBe(12);
  });

  it('serves the on-call runbooks the metrics link to, and nothing else', async () => {
    const list = await request(server).get('/api/prod-hardening/runbooks');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((r: any) => r.id);
    const res = await request(server).get(
      '/api/prod-hardening/success-metrics',
    );
    const linked = res.body.metrics
      .map((metric: any) => metric.runbookId)
      .filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(linked));
    const runbook = await request(server).get(
      '/api/prod-hardening/runbooks/rate-limiter',
    );
    expect(runbook.status).toBe(200);
    expect(runbook.body.markdown).toMatch(/## Symptoms/);
    for (const [path, status] of [
      ['/runbooks/no-such-runbook', 404],
      ['/runbooks/README', 400],
      ['/runbooks/..%2F..%2Fapp-config.yaml', 400],
      ['/runbooks/rate-limiter.md', 400],
    ] as const) {
      const bad = await request(server).get(`/api/prod-hardening${path}`);
      expect(bad.status).toBe(status);
      expect(bad.body.error.message).toBeTruthy();
    }
  });

  it('keeps the AWS-based metrics when Redis stops', async () => {
    await redis.stop();
    const res = await request(server).get(
      '/api/prod-hardening/success-metrics',
    );
    expect(res.status).toBe(200);
    const m = Object.fromEntries(res.body.metrics.map((x: any) => [x.id, x]));
    expect(m['dlq-rate'].status).toBe('unknown');
    expect(m['dlq-rate'].detail).toMatch(
      /Rate-limiter metrics unavailable: Redis/,
    );
    expect(m['encryption-coverage'].status).toBe('not-met');
  });
});
