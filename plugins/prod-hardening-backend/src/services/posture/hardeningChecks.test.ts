import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';
import type { DefaultAwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import { evaluateSeededPosture } from '../../testUtils/seededPosture';
import { createPostureEngine } from './createPostureEngine';
import { createPostureSources } from './sources';

jest.setTimeout(120_000);

/**
 * The secrets, gateway endpoint, alarm, task role and topic checks against the real
 * emulator with the demo account's story; the rules themselves are unit-tested in
 * src/checks on plain data.
 */
describe('hardening checks on the seeded account (moto_server)', () => {
  let seeded: Awaited<ReturnType<typeof evaluateSeededPosture>>;
  let aws: DefaultAwsClientFactory;
  let config: ProdHardeningConfig;
  let byId: Record<string, CheckResult>;

  beforeAll(async () => {
    seeded = await evaluateSeededPosture();
    ({ aws, config, byId } = seeded);
  });

  afterAll(() => seeded?.stop());

  const evidence = (id: string) =>
    byId[id].resources.map(r => [r.status, r.evidence]);

  it('fails secret rotation for the API tokens and passes the rotating database password', () => {
    const check = byId['secretsmanager-rotation'];
    expect(check).toMatchObject({
      status: 'FAIL',
      control: 'SecretsManager.1',
      summary:
        '2 of 3 secrets have no automatic rotation: a leaked key stays valid until someone notices.',
    });
    expect(check.resources.map(r => r.status)).toEqual([
      'PASS',
      'FAIL',
      'FAIL',
    ]);
    expect(check.resources[0].resourceId).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:huntaze\/postgres\/password-/,
    );
    expect(check.resources[0].evidence).toMatch(
      /^RotationEnabled=true, every 30 days, last rotated \d+ days ago$/,
    );
  });

  it('finds the S3 gateway endpoint and reports the missing DynamoDB one', () => {
    const check = byId['vpc-gateway-endpoints'];
    expect(check.status).toBe('FAIL');
    expect(evidence('vpc-gateway-endpoints')).toEqual([
      [
        'PASS',
        expect.stringMatching(
          /^S3 gateway endpoint available, route tables rtb-/,
        ),
      ],
      [
        'FAIL',
        'no DynamoDB gateway endpoint: DynamoDB traffic pays NAT gateway processing',
      ],
    ]);
    expect(check.resources[0].resourceId).toMatch(/^vpce-/);
  });

  it('counts the alarms of the plan that exist, and the one that notifies nobody', () => {
    const check = byId['cloudwatch-alarms'];
    expect(check.status).toBe('FAIL');
    expect(check.summary).toBe(
      '5 of 21 alarms of the hardening plan exist; 4 notify someone with the planned threshold.',
    );
    const status = Object.fromEntries(
      check.resources.map(r => [r.resourceId, r.status]),
    );
    expect(status).toMatchObject({
      'huntaze-web-production-web-cpu-high': 'PASS',
      'huntaze-web-production-web-memory-high': 'WARN',
      'huntaze-rate-limiter-dlq-depth': 'PASS',
      'huntaze-postgres-production-cpu-high': 'FAIL',
      'huntaze-rate-limiter-error-rate': 'FAIL',
    });
  });

  it('passes the task roles: each service has its own, apart from the execution role', () => {
    const check = byId['ecs-task-roles'];
    expect(check.status).toBe('PASS');
    expect(check.resources.map(r => r.resourceId)).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/workers:1',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/ai:1',
    ]);
    expect(check.resources[2].evidence).toContain(
      'taskRoleArn=arn:aws:iam::123456789012:role/huntaze-ai-task-role',
    );
  });

  it('warns that the ops topic uses the AWS managed key, which CloudWatch cannot publish with', () => {
    const check = byId['sns-encryption'];
    expect(check.status).toBe('WARN');
    expect(evidence('sns-encryption')).toEqual([
      ['PASS', 'KmsMasterKeyId=alias/huntaze-production-hardening'],
      ['PASS', 'KmsMasterKeyId=alias/huntaze-production-hardening'],
      ['WARN', expect.stringContaining('KmsMasterKeyId=alias/aws/sns')],
    ]);
  });

  it('describes each cost table once per evaluation although two checks read it', async () => {
    const sources = createPostureSources(aws);
    const describe = jest.spyOn(sources.dynamoDb, 'getProtection');
    const engine = createPostureEngine(aws, config, { sources });
    const report = await engine.evaluate();
    expect(
      report.checks
        .filter(c => c.id === 'dynamodb-pitr' || c.id === 'dynamodb-ttl')
        .map(c => c.status),
    ).toEqual(['FAIL', 'FAIL']);
    expect(describe.mock.calls.map(([table]) => table)).toEqual([
      config.resources.tables.aiCosts,
      config.resources.tables.costAlerts,
    ]);
    // The next evaluation reads the account afresh.
    await engine.evaluate(['dynamodb-ttl']);
    expect(describe).toHaveBeenCalledTimes(4);
  });
});
