import { DefaultHealthService, summarizeHealth } from './HealthService';
import type { AccountIdentitySource } from '../sources/accountIdentity';
import type { RedisPingSource } from '../sources/redisPing';

const identity = (impl: AccountIdentitySource['whoAmI']) =>
  ({ whoAmI: impl } as unknown as AccountIdentitySource);
const redis = (impl: RedisPingSource['ping']) =>
  ({ ping: impl } as unknown as RedisPingSource);

const base = {
  expectedAccountId: '123456789012',
  region: 'us-east-1',
};

describe('DefaultHealthService', () => {
  it('reports ok with the account when every source answers', async () => {
    const service = new DefaultHealthService({
      ...base,
      identity: identity(async () => ({
        account: '123456789012',
        arn: 'arn:aws:sts::123456789012:assumed-role/r/s',
      })),
      redis: redis(async () => undefined),
    });
    const report = await service.check();
    expect(report.status).toBe('ok');
    expect(report.sources.map(s => [s.id, s.state])).toEqual([
      ['aws', 'up'],
      ['redis', 'up'],
    ]);
    expect(report.sources[0].details).toMatchObject({
      account: '123456789012',
      region: 'us-east-1',
    });
  });

  it('marks AWS down when the credentials belong to another account', async () => {
    const service = new DefaultHealthService({
      ...base,
      identity: identity(async () => ({ account: '999999999999', arn: 'x' })),
      redis: redis(async () => undefined),
    });
    const [aws] = (await service.check()).sources;
    expect(aws.state).toBe('down');
    expect(aws.reason).toBe(
      'the credentials belong to account 999999999999, but the portal is configured for 123456789012',
    );
  });

  it('answers within the probe timeout when a source hangs', async () => {
    const service = new DefaultHealthService({
      ...base,
      probeTimeoutMs: 50,
      identity: identity(async () => ({ account: '123456789012', arn: 'x' })),
      redis: redis(() => new Promise(() => {})),
    });
    const report = await service.check();
    expect(report.status).toBe('degraded');
    expect(report.sources[1]).toMatchObject({
      id: 'redis',
      state: 'down',
      reason: 'no answer within 50 ms',
    });
  });

  it('measures latency with the injected clock', async () => {
    let t = 0;
    const service = new DefaultHealthService({
      ...base,
      now: () => (t += 7),
      identity: identity(async () => ({ account: '123456789012', arn: 'x' })),
      redis: redis(async () => undefined),
    });
    const report = await service.check();
    for (const source of report.sources)
      expect(source.latencyMs).toBeGreaterThan(0);
  });

  it('probes once per 30 s window, sharing the probe in flight with concurrent callers', async () => {
    let wallMs = 1_000_000;
    let probes = 0;
    const service = new DefaultHealthService({
      ...base,
      nowMs: () => wallMs,
      identity: identity(async () => {
        probes++;
        await new Promise(r => setTimeout(r, 10));
        return { account: '123456789012', arn: 'x' };
      }),
      redis: redis(async () => undefined),
    });

    await Promise.all(Array.from({ length: 5 }, () => service.check()));
    expect(probes).toBe(1);
    wallMs += 29_999;
    await service.check();
    expect(probes).toBe(1);
    wallMs += 1;
    await service.check();
    expect(probes).toBe(2);
  });

  it('probes again after sourceChanged, within the window', async () => {
    let probes = 0;
    const service = new DefaultHealthService({
      ...base,
      identity: identity(async () => ({ account: '123456789012', arn: 'x' })),
      redis: redis(async () => {
        probes++;
      }),
    });
    await service.check();
    await service.check();
    service.sourceChanged();
    await service.check();
    expect(probes).toBe(2);
  });

  it('reuses a report with a source down too, so a failing AWS is not called per request', async () => {
    let probes = 0;
    const service = new DefaultHealthService({
      ...base,
      identity: identity(async () => {
        probes++;
        throw new Error('ExpiredToken');
      }),
      redis: redis(async () => undefined),
    });
    await service.check();
    await service.check();
    expect(probes).toBe(1);
  });
});

describe('summarizeHealth', () => {
  it('keeps the status, the time and up/down per source only', () => {
    expect(
      summarizeHealth({
        status: 'degraded',
        checkedAt: '2026-12-04T17:00:00.000Z',
        sources: [
          {
            id: 'aws',
            label: 'AWS (us-east-1)',
            state: 'down',
            latencyMs: 12,
            reason: 'AccessDenied for arn:aws:iam::317805897534:role/x',
          },
          {
            id: 'redis',
            label: 'Redis (rate limiter)',
            state: 'up',
            latencyMs: 1,
            details: { host: 'redis.internal' },
          },
        ],
      }),
    ).toEqual({
      status: 'degraded',
      checkedAt: '2026-12-04T17:00:00.000Z',
      sources: [
        { id: 'aws', state: 'down' },
        { id: 'redis', state: 'up' },
      ],
    });
  });
});
