import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';
import { evaluateSeededPosture } from '../../testUtils/seededPosture';

jest.setTimeout(120_000);

const CHECK_IDS = [
  'ecs-service-resilience',
  's3-intelligent-tiering',
  'cost-anomaly-detection',
  'lambda-alias-in-use',
];

/**
 * The ECS resilience, Intelligent-Tiering, Cost Anomaly Detection and Lambda alias
 * checks against the real emulator with the demo account's story; the rules
 * themselves are unit-tested in src/checks on plain data.
 */
describe('resilience and cost checks on the seeded account (moto_server)', () => {
  let seeded: Awaited<ReturnType<typeof evaluateSeededPosture>>;
  let byId: Record<string, CheckResult>;

  beforeAll(async () => {
    seeded = await evaluateSeededPosture(CHECK_IDS);
    byId = seeded.byId;
  });

  afterAll(() => seeded?.stop());

  const evidence = (id: string) =>
    byId[id].resources.map(r => [r.status, r.evidence]);

  it('passes the web service and fails the workers (no memory scaling) and the AI service (neither)', () => {
    const check = byId['ecs-service-resilience'];
    expect(check).toMatchObject({
      status: 'FAIL',
      control: 'baseline',
      remediation: { kind: 'manual' },
      summary:
        '2 of 3 services lack a rollback on failed deployments or auto scaling on CPU and memory.',
    });
    expect(check.resources.map(r => r.resourceId)).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:service/huntaze-web-production/web',
      'arn:aws:ecs:us-east-1:123456789012:service/huntaze-workers-production/workers',
      'arn:aws:ecs:us-east-1:123456789012:service/huntaze-ai-production/ai',
    ]);
    expect(evidence('ecs-service-resilience')).toEqual([
      [
        'PASS',
        'service huntaze-web-production/web: circuit breaker with rollback; auto scaling 1–4 tasks, target tracking CPU at 60%, memory at 70%',
      ],
      [
        'FAIL',
        'service huntaze-workers-production/workers: circuit breaker with rollback; auto scaling 1–4 tasks, target tracking CPU at 60%: no target tracking on memory',
      ],
      [
        'FAIL',
        'service huntaze-ai-production/ai: no deployment circuit breaker: a deployment whose tasks never start keeps replacing them; no auto scaling: the task count is fixed',
      ],
    ]);
  });

  it('passes the assets bucket and fails the versioned uploads bucket without lifecycle rules', () => {
    const check = byId['s3-intelligent-tiering'];
    expect(check).toMatchObject({ status: 'FAIL', control: 'S3.13' });
    expect(check.resources.map(r => r.resourceId)).toEqual([
      'arn:aws:s3:::huntaze-assets-production',
      'arn:aws:s3:::huntaze-uploads-production',
    ]);
    expect(evidence('s3-intelligent-tiering')).toEqual([
      [
        'PASS',
        'rule intelligent-tiering: INTELLIGENT_TIERING after 0 days; versioning Enabled, noncurrent versions expire after 90 days (rule expire-noncurrent-versions)',
      ],
      [
        'FAIL',
        'no lifecycle rule moves objects to INTELLIGENT_TIERING; versioning Enabled and noncurrent versions never expire: every overwrite is kept and billed',
      ],
    ]);
  });

  it('reports ERROR with the reason: the emulator has no Cost Anomaly Detection API', () => {
    const check = byId['cost-anomaly-detection'];
    expect(check.status).toBe('ERROR');
    expect(check.summary).toBe(
      `Cost Anomaly Detection could not be read: the API is not available on this endpoint (it answered with an error page, HTTP 500)`,
    );
    expect(check.resources).toEqual([
      {
        resourceId: 'huntaze-aws-services',
        resourceType: 'AwsCostAnomalyMonitor',
        status: 'ERROR',
        evidence:
          'monitor huntaze-aws-services not verified: the API is not available on this endpoint (it answered with an error page, HTTP 500)',
      },
    ]);
  });

  it('finds the live alias on version 1 and fails the queue mapping on the unqualified function', () => {
    const check = byId['lambda-alias-in-use'];
    expect(check.status).toBe('FAIL');
    expect(check.summary).toBe(
      'The SQS event source mapping bypasses the live alias: rolling the alias back would not change what processes the messages.',
    );
    expect(check.resources[0]).toEqual({
      resourceId:
        'arn:aws:lambda:us-east-1:123456789012:function:huntaze-rate-limiter:live',
      resourceType: 'AwsLambdaAlias',
      status: 'PASS',
      evidence: 'alias live → version 1',
    });
    expect(check.resources[1]).toMatchObject({
      resourceType: 'AwsLambdaEventSourceMapping',
      status: 'FAIL',
      evidence: expect.stringMatching(
        /^mapping [0-9a-f-]{36} from huntaze-rate-limiter-queue invokes the unqualified function \(\$LATEST\) \(Disabled\): moving alias live does not change what it runs$/,
      ),
    });
  });
});
