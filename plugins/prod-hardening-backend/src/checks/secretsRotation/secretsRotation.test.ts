import { evaluateSecretsRotation, rotationIntervalDays } from './evaluate';

const NOW = '2026-11-20T12:00:00.000Z';
const daysAgo = (n: number) =>
  new Date(Date.parse(NOW) - n * 86_400_000).toISOString();

const secret = (
  over: Partial<Parameters<typeof evaluateSecretsRotation>[0]['secrets'][0]>,
) => ({
  name: 'app/token',
  arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/token-AbCdEf',
  found: true,
  rotationEnabled: true,
  automaticallyAfterDays: 30,
  lastRotatedAt: daysAgo(3),
  createdAt: daysAgo(200),
  ...over,
});

const evaluate = (...secrets: ReturnType<typeof secret>[]) =>
  evaluateSecretsRotation({ now: NOW, secrets });

describe('evaluateSecretsRotation (SecretsManager.1)', () => {
  it('passes a secret that rotates every 30 days and was rotated 3 days ago', () => {
    const e = evaluate(secret({}));
    expect(e.status).toBe('PASS');
    expect(e.resources[0]).toMatchObject({
      resourceType: 'AwsSecretsManagerSecret',
      evidence: 'RotationEnabled=true, every 30 days, last rotated 3 days ago',
    });
  });

  it('fails a secret without automatic rotation and counts it in the summary', () => {
    const e = evaluate(
      secret({}),
      secret({ name: 'api', arn: undefined, rotationEnabled: false }),
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[1]).toMatchObject({
      resourceId: 'api',
      status: 'FAIL',
      evidence: 'RotationEnabled=false',
    });
    expect(e.summary).toMatch(/^1 of 2 secrets have no automatic rotation/);
  });

  it('warns when rotation is on but the last rotation is overdue (a failing rotation function)', () => {
    const e = evaluate(secret({ lastRotatedAt: daysAgo(45) }));
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toMatch(
      /last rotated 45 days ago: overdue/,
    );
  });

  it('allows one day of rotation window before calling a rotation overdue', () => {
    expect(evaluate(secret({ lastRotatedAt: daysAgo(31) })).status).toBe(
      'PASS',
    );
    expect(evaluate(secret({ lastRotatedAt: daysAgo(32) })).status).toBe(
      'WARN',
    );
  });

  it('measures a never-rotated secret from its creation', () => {
    const e = evaluate(
      secret({ lastRotatedAt: undefined, createdAt: daysAgo(40) }),
    );
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toContain(
      'never rotated, created 40 days ago',
    );
  });

  it('warns when the interval is longer than the 90 days of SecretsManager.4', () => {
    expect(evaluate(secret({ automaticallyAfterDays: 180 })).status).toBe(
      'WARN',
    );
  });

  it('warns about a configured secret that does not exist', () => {
    const e = evaluate(secret({ found: false, rotationEnabled: false }));
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toBe('secret not found');
  });
});

describe('rotationIntervalDays', () => {
  it.each([
    [{ automaticallyAfterDays: 30 }, 30],
    [{ scheduleExpression: 'rate(10 days)' }, 10],
    [{ scheduleExpression: 'rate(48 hours)' }, 2],
    [{ scheduleExpression: 'cron(0 16 1,15 * ? *)' }, undefined],
    [{}, undefined],
  ])('reads %j as %s days', (rules, days) => {
    expect(rotationIntervalDays(rules)).toBe(days);
  });
});
