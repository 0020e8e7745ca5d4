import { parseResourceNames } from '../resources';
import { buildStoryFindings, stableFindingUuid } from './securityHubFindings';

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
  topics: { costAlerts: 'c', securityAlerts: 's', opsAlerts: 'o' },
  budgetName: 'b',
  monthlyBudgetUsd: 500,
  ecsClusters: ['web', 'workers', 'ai'],
  redisReplicationGroupId: 'huntaze-redis',
  rdsParameterGroupName: 'huntaze-postgres-production',
  cloudTrailName: 'huntaze-trail',
});
const now = new Date('2026-11-16T12:00:00Z');
const input = {
  accountId: '123456789012',
  region: 'us-east-1',
  resources,
  now,
};
const findings = buildStoryFindings(input);
const controls = findings.filter(f => f.ProductName === 'Security Hub');
const threats = findings.filter(f => f.ProductName === 'GuardDuty');

describe('buildStoryFindings', () => {
  it('reports a failed FSBP control for each planted problem', () => {
    const ids = controls.map(f => f.Compliance?.SecurityControlId);
    expect(ids).toEqual(
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
      ]),
    );
    for (const f of controls) {
      expect(f).toMatchObject({
        Compliance: { Status: 'FAILED' },
        Workflow: { Status: 'NEW' },
        RecordState: 'ACTIVE',
        ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
        GeneratorId: `security-control/${f.Compliance?.SecurityControlId}`,
      });
    }
  });

  it('flags Container Insights only on the clusters after the first', () => {
    const ecs = controls.filter(
      f => f.Compliance?.SecurityControlId === 'ECS.12',
    );
    expect(ecs.map(f => f.Resources?.[0].Id)).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:cluster/workers',
      'arn:aws:ecs:us-east-1:123456789012:cluster/ai',
    ]);
  });

  it('includes GuardDuty threats of HIGH and MEDIUM severity', () => {
    expect(new Set(threats.map(f => f.Severity?.Label))).toEqual(
      new Set(['HIGH', 'MEDIUM']),
    );
    for (const f of threats) {
      expect(f.ProductArn).toBe(
        'arn:aws:securityhub:us-east-1::product/aws/guardduty',
      );
      expect(f.Id).toMatch(
        /^arn:aws:guardduty:us-east-1:123456789012:detector\/[0-9a-f]{32}\/finding\/[0-9a-f]{32}$/,
      );
    }
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
      now: new Date(now.getTime() + 86_400_000),
    });
    expect(
      Date.parse(dayLater[0].CreatedAt!) - Date.parse(findings[0].CreatedAt!),
    ).toBe(86_400_000);
  });

  it('gives the same ids on every build, unique within the story', () => {
    const again = buildStoryFindings({
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
