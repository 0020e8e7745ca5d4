import { DefaultHealthService } from './HealthService';
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
});
