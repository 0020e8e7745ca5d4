import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { parseResourceNames } from '../resources';
import { storySecrets } from './secretsManager';
import {
  buildStoryFindings,
  FINDINGS_SEED,
  stableFindingUuid,
} from './securityHubFindings';
import { THREAT_TYPES } from './findings/threats';
import { seededRandom } from './findings/random';

const resources = parseResourceNames({
  tables: {
    aiCosts: 'huntaze-ai-costs-production',
    costAlerts: 'huntaze-cost-alerts-production',
  },
  queues: {
    workflows: 'huntaze-hybrid-workflows.fifo',
    workflowsDlq: 'huntaze-hybrid-workflows-dlq.fifo',
    rateLimiter: 'huntaze-rate-limiter-queue',
    rateLimiterDlq: 'huntaze-rate-limiter-dlq',
  },
  topics: { costAlerts: 'cost', securityAlerts: 'security', opsAlerts: 'ops' },
  budgetName: 'b',
  monthlyBudgetUsd: 500,
  ecsClusters: ['web', 'workers', 'ai'],
  redisReplicationGroupId: 'huntaze-redis',
  rdsParameterGroupName: 'huntaze-postgres-production',
  rdsInstanceId: 'huntaze-postgres-production',
  cloudTrailName: 'huntaze-trail',
  ecsServices: [
    { cluster: 'web', service: 'web' },
    { cluster: 'workers', service: 'workers' },
    { cluster: 'ai', service: 'ai' },
  ],
  rateLimiterFunctionName: 'huntaze-rate-limiter',
  rateLimiterAlias: 'live',
  intelligentTieringBuckets: ['huntaze-assets-production'],
  costAnomalyMonitorName: 'huntaze-aws-services',
  secrets: ['db/password', 'onlyfans/api-token', 'redis/auth-token'],
  appVpc: 'huntaze-production',
});
const now = new Date('2026-11-16T12:00:00Z');
const DAY = 86_400_000;
const input = {
  accountId: '123456789012',
  region: 'us-east-1',
  resources,
  now,
  ids: {
    vpcId: 'vpc-0abc',
    alertKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  },
};
const findings = buildStoryFindings(input);
const controls = findings.filter(f => f.ProductName === 'Security Hub');
const failed = controls.filter(f => f.Compliance?.Status === 'FAILED');
const threats = findings.filter(f => f.ProductName === 'GuardDuty');
const open = findings.filter(
  f => f.Workflow?.Status === 'NEW' || f.Workflow?.Status === 'NOTIFIED',
);

/** Resource ids of the failed findings of one control. */
const failing = (controlId: string) =>
  failed
    .filter(f => f.Compliance?.SecurityControlId === controlId)
    .map(f => f.Resources?.[0].Id);

describe('buildStoryFindings', () => {
  it('imports a few hundred findings, the same ones on every build (fixed seed)', () => {
    expect(findings.length).toBeGreaterThanOrEqual(250);
    expect(findings.length).toBeLessThanOrEqual(400);
    expect(buildStoryFindings(input)).toEqual(findings);
    expect(buildStoryFindings(input, { seed: FINDINGS_SEED + 1 })).not.toEqual(
      findings,
    );
  });

  it('reports a failed FSBP control for each planted problem', () => {
    expect(failed.map(f => f.Compliance?.SecurityControlId)).toEqual(
      expect.arrayContaining([
        'ElastiCache.4',
        'ElastiCache.5',
        'S3.1',
        'CloudTrail.1',
        'CloudTrail.4',
        'GuardDuty.1',
        'ECS.12',
        'SQS.1',
        'DynamoDB.2',
        'SecretsManager.1',
        'EC2.6',
        'KMS.4',
      ]),
    );
    for (const f of controls) {
      expect(f).toMatchObject({
        RecordState: 'ACTIVE',
        ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
        GeneratorId: `security-control/${f.Compliance?.SecurityControlId}`,
      });
    }
  });

  it('fails the controls behind posture checks exactly where the seed leaves the problem', () => {
    const arn = (service: string, rest: string) =>
      `arn:aws:${service}:us-east-1:123456789012:${rest}`;
    expect(failing('ECS.12')).toEqual([
      arn('ecs', 'cluster/workers'),
      arn('ecs', 'cluster/ai'),
    ]);
    expect(failing('SQS.1')).toEqual([
      arn('sqs', 'huntaze-rate-limiter-queue'),
    ]);
    // Every topic is encrypted; that the ops topic's key locks out CloudWatch is
    // beyond FSBP (the portal's check warns about it).
    expect(failing('SNS.1')).toEqual([]);
    expect(failing('SecretsManager.1')).toEqual(
      storySecrets(resources.secrets)
        .filter(s => !s.rotates)
        .map(s => arn('secretsmanager', `secret:${s.name}`)),
    );
    expect(failing('DynamoDB.2')).toHaveLength(2);
    expect(failing('S3.2')).toEqual([
      'arn:aws:s3:::huntaze-static-site-production',
    ]);
  });

  it('reports passed controls as Security Hub does: INFORMATIONAL and RESOLVED, so they leave the open list', () => {
    const passed = controls.filter(f => f.Compliance?.Status === 'PASSED');
    expect(passed.length).toBeGreaterThan(0);
    for (const f of passed) {
      expect(f.Severity?.Label).toBe('INFORMATIONAL');
      expect(f.Workflow?.Status).toBe('RESOLVED');
    }
  });

  it('spreads the open findings over every severity from CRITICAL to LOW', () => {
    expect(new Set(open.map(f => f.Severity?.Label))).toEqual(
      new Set(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']),
    );
  });

  it('names only resources the seed creates', () => {
    const seeded = new Set([
      ...controls.map(f => f.Resources?.[0].Id),
      // Roles and the CI user exist in IAM, which the emulator seed does not model.
      ...threats
        .map(f => f.Resources?.[0].Id)
        .filter(id => id?.startsWith('arn:aws:iam::')),
    ]);
    for (const f of threats) expect(seeded).toContain(f.Resources?.[0].Id);
    expect(seeded).toContain('arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc');
  });

  it('leaves out the VPC and key findings when their ids are unknown', () => {
    const without = buildStoryFindings({ ...input, ids: undefined });
    const ids = without.map(f => f.Compliance?.SecurityControlId);
    expect(ids).not.toContain('EC2.6');
    expect(ids).not.toContain('KMS.4');
  });

  it('includes GuardDuty threats of the known types, all from before GuardDuty was switched off', () => {
    const types = new Set(THREAT_TYPES.map(t => t.findingType));
    expect(threats.length).toBeGreaterThan(100);
    for (const f of threats) {
      const type =
        f.ProductFields?.['aws/guardduty/service/additionalInfo/type'];
      expect(
        types.has(type!) || type === 'Recon:EC2/PortProbeUnprotectedPort',
      ).toBe(true);
      expect(f.ProductArn).toBe(
        'arn:aws:securityhub:us-east-1::product/aws/guardduty',
      );
      expect(f.Id).toMatch(
        /^arn:aws:guardduty:us-east-1:123456789012:detector\/[0-9a-f]{32}\/finding\/[0-9a-f]{32}$/,
      );
      expect(
        now.getTime() - Date.parse(f.LastObservedAt!),
      ).toBeGreaterThanOrEqual(6 * DAY);
      const score = Number(f.Severity?.Original);
      const range = { LOW: [1, 3.9], MEDIUM: [4, 6.9], HIGH: [7, 8.9] }[
        f.Severity?.Label as 'LOW' | 'MEDIUM' | 'HIGH'
      ];
      expect(score).toBeGreaterThanOrEqual(range[0]);
      expect(score).toBeLessThanOrEqual(range[1]);
    }
  });

  it('keeps the threats the story tells about by name', () => {
    expect(threats.map(f => f.Title)).toEqual(
      expect.arrayContaining([
        'Credentials for the EC2 instance role used from an external IP address',
        'Unprotected port on the Redis host is being probed',
      ]),
    );
  });

  it('dates every finding before now, and shifts with now', () => {
    for (const f of findings) {
      expect(Date.parse(f.CreatedAt!)).toBeLessThan(now.getTime());
      expect(Date.parse(f.UpdatedAt!)).toBeGreaterThanOrEqual(
        Date.parse(f.CreatedAt!),
      );
    }
    const dayLater = buildStoryFindings({
      ...input,
      now: new Date(now.getTime() + DAY),
    });
    expect(
      Date.parse(dayLater[0].CreatedAt!) - Date.parse(findings[0].CreatedAt!),
    ).toBe(DAY);
  });

  it('gives the same ids on every build, unique within the story', () => {
    const again: AwsSecurityFinding[] = buildStoryFindings({
      ...input,
      now: new Date('2027-01-01T00:00:00Z'),
    });
    expect(again.map(f => f.Id)).toEqual(findings.map(f => f.Id));
    expect(new Set(findings.map(f => f.Id)).size).toBe(findings.length);
  });
});

describe('stableFindingUuid', () => {
  it('is UUID-shaped and depends only on its parts', () => {
    const id = stableFindingUuid('S3.1', 'AWS::::Account:1');
    expect(id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(stableFindingUuid('S3.1', 'AWS::::Account:1')).toBe(id);
    expect(stableFindingUuid('S3.1', 'AWS::::Account:2')).not.toBe(id);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => a.int(1, 3));
    expect(new Set(ints)).toEqual(new Set([1, 2, 3]));
  });

  it('picks by weight', () => {
    const random = seededRandom(1);
    const items = [
      { id: 'rare', weight: 1 },
      { id: 'common', weight: 9 },
    ];
    const picks = Array.from({ length: 2000 }, () => random.weighted(items).id);
    const common = picks.filter(p => p === 'common').length / picks.length;
    expect(common).toBeGreaterThan(0.85);
    expect(common).toBeLessThan(0.95);
  });
});
