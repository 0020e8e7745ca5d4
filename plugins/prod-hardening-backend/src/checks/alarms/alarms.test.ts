import { evaluateAlarms, expectedAlarms } from './evaluate';

const resources = {
  ecsServices: [{ cluster: 'huntaze-web-production', service: 'web' }],
  rdsInstanceId: 'huntaze-postgres-production',
  queues: {
    workflows: 'huntaze-hybrid-workflows.fifo',
    workflowsDlq: 'huntaze-hybrid-workflows-dlq.fifo',
    rateLimiter: 'huntaze-rate-limiter-queue',
    rateLimiterDlq: 'huntaze-rate-limiter-dlq',
  },
  rateLimiterFunctionName: 'huntaze-rate-limiter',
};
const OPS = 'arn:aws:sns:us-east-1:123456789012:huntaze-ops-alerts';

describe('expectedAlarms', () => {
  it("lists the seed's alarms with the names alarms.tf gives them", () => {
    expect(expectedAlarms(resources).map(a => a.name)).toEqual([
      'huntaze-web-production-web-cpu-high',
      'huntaze-web-production-web-memory-high',
      'huntaze-web-production-web-down',
      'huntaze-postgres-production-cpu-high',
      'huntaze-postgres-production-freeable-memory-low',
      'huntaze-postgres-production-connections-high',
      'huntaze-hybrid-workflows.fifo-oldest-message-age',
      'huntaze-hybrid-workflows.fifo-backlog',
      'huntaze-rate-limiter-queue-oldest-message-age',
      'huntaze-rate-limiter-queue-backlog',
      'huntaze-hybrid-workflows-dlq.fifo-depth',
      'huntaze-rate-limiter-dlq-depth',
      'huntaze-rate-limiter-error-rate',
      'huntaze-rate-limiter-duration',
      'huntaze-rate-limiter-throttles',
    ]);
  });

  it('adds three alarms per ECS service', () => {
    const two = expectedAlarms({
      ...resources,
      ecsServices: [...resources.ecsServices, { cluster: 'c', service: 's' }],
    });
    expect(two).toHaveLength(expectedAlarms(resources).length + 3);
  });
});

describe('evaluateAlarms', () => {
  const expected = expectedAlarms(resources);
  const all = expected.map(a => ({
    name: a.name,
    threshold: a.threshold ?? 160,
    actions: [OPS],
  }));

  it('passes when every alarm exists with its threshold and an action', () => {
    const e = evaluateAlarms({ expected, found: all });
    expect(e.status).toBe('PASS');
    expect(e.summary).toBe(
      '15 of 15 alarms of the hardening plan exist; 15 notify someone with the planned threshold.',
    );
  });

  it('fails naming each missing alarm and what it would have watched', () => {
    const e = evaluateAlarms({ expected, found: all.slice(3) });
    expect(e.status).toBe('FAIL');
    expect(e.resources[0]).toMatchObject({
      resourceId: 'huntaze-web-production-web-cpu-high',
      resourceType: 'AwsCloudWatchAlarm',
      status: 'FAIL',
      evidence: 'missing (ECS CPU > 70% for 5 min)',
    });
    expect(e.summary).toMatch(/^12 of 15 alarms/);
  });

  it('warns about an alarm nobody is notified of, and about a changed threshold', () => {
    const found = all.map(a =>
      a.name.endsWith('-cpu-high') && a.name.startsWith('huntaze-web')
        ? { ...a, actions: [] }
        : a.name.endsWith('-backlog')
        ? { ...a, threshold: 5000 }
        : a,
    );
    const e = evaluateAlarms({ expected, found });
    expect(e.status).toBe('WARN');
    const byId = Object.fromEntries(e.resources.map(r => [r.resourceId, r]));
    expect(byId['huntaze-web-production-web-cpu-high'].evidence).toMatch(
      /no alarm action: nobody is notified/,
    );
    expect(byId['huntaze-rate-limiter-queue-backlog'].evidence).toBe(
      'threshold 5000, the plan says 1000 (SQS visible messages > 1000 for 5 min)',
    );
  });

  it('accepts any threshold where the plan depends on the instance (connections)', () => {
    const found = all.map(a =>
      a.name.endsWith('-connections-high') ? { ...a, threshold: 400 } : a,
    );
    expect(evaluateAlarms({ expected, found }).status).toBe('PASS');
  });
});
