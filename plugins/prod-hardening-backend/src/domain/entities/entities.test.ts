import type {
  CheckResult,
  Finding,
} from '@prod-hardening/plugin-prod-hardening-common';
import { aiCostOfAgents } from './aiCost';
import { entityPosture } from './entityPosture';
import { mergeMappings } from './mergeMappings';
import { createResourceMatcher, namesOfArn } from './resourceMatcher';

const CLUSTER = 'arn:aws:ecs:us-east-1:123456789012:cluster/web-prod';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/ai-costs';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:limiter-queue';

const check = (
  id: string,
  severity: CheckResult['severity'],
  resources: Array<[string, CheckResult['status']]>,
): CheckResult => ({
  id,
  title: id,
  pillar: 'security',
  control: 'baseline',
  severity,
  status: resources.some(([, s]) => s === 'FAIL') ? 'FAIL' : 'PASS',
  summary: '',
  resources: resources.map(([resourceId, status]) => ({
    resourceId,
    resourceType: 'x',
    status,
    evidence: '',
  })),
  remediation: { kind: 'manual', why: '' },
  canAutoRemediate: false,
  evaluatedAt: '2026-11-20T12:00:00Z',
});

const finding = (
  id: string,
  resourceId: string,
  severity: Finding['severity'],
  resourceTags?: Record<string, string>,
): Finding => ({
  id,
  title: id,
  severity,
  product: 'GuardDuty',
  workflowStatus: 'NEW',
  resourceType: 'x',
  resourceId,
  region: 'us-east-1',
  accountId: '123456789012',
  firstSeen: '2026-11-01T00:00:00Z',
  lastSeen: '2026-11-02T00:00:00Z',
  ...(resourceTags ? { resourceTags } : {}),
});

describe('namesOfArn', () => {
  it('gives the name checks use for each kind of ARN', () => {
    expect(namesOfArn(CLUSTER)).toEqual(['web-prod']);
    expect(
      namesOfArn('arn:aws:ecs:us-east-1:123456789012:service/web-prod/web'),
    ).toEqual(['web-prod/web']);
    expect(namesOfArn(TABLE)).toEqual(['ai-costs']);
    expect(namesOfArn(QUEUE)).toEqual(['limiter-queue']);
    expect(namesOfArn('arn:aws:s3:::assets')).toEqual(['assets']);
    expect(
      namesOfArn(
        'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:redis',
      ),
    ).toEqual(['redis']);
  });
});

describe('entityPosture', () => {
  const matcher = createResourceMatcher({
    arns: [CLUSTER, TABLE, QUEUE],
    resourceTagSets: [[{ key: 'component', value: 'web' }]],
  });
  const checks = [
    check('insights', 'MEDIUM', [
      [CLUSTER, 'FAIL'],
      ['arn:aws:ecs:us-east-1:123456789012:cluster/other', 'PASS'],
    ]),
    check('pitr', 'HIGH', [
      ['ai-costs', 'PASS'],
      ['other-table', 'FAIL'],
    ]),
    check('sqs-sse', 'LOW', [
      [
        'https://sqs.us-east-1.amazonaws.com/123456789012/limiter-queue',
        'WARN',
      ],
    ]),
    check('guardduty', 'HIGH', [['guardduty/us-east-1', 'FAIL']]),
  ];
  const findings = [
    finding('a', CLUSTER, 'HIGH'),
    finding('b', 'arn:aws:s3:::elsewhere', 'CRITICAL', {
      component: 'web',
      env: 'prod',
    }),
    finding('c', 'arn:aws:s3:::elsewhere', 'CRITICAL', { component: 'api' }),
    finding('d', 'arn:aws:iam::123456789012:role/x', 'LOW'),
  ];

  it("keeps only the entity's resources, each check's status the worst of them", () => {
    const posture = entityPosture({ checks, findings, matcher });
    expect(
      posture.checks.map(c => [c.id, c.status, c.resources.length]),
    ).toEqual([
      ['insights', 'FAIL', 1],
      ['pitr', 'PASS', 1],
      ['sqs-sse', 'WARN', 1],
    ]);
  });

  it('scores the narrowed checks like the page (passed ÷ evaluated, severity-weighted)', () => {
    const { score } = entityPosture({ checks, findings, matcher });
    expect(score).toEqual({
      securityHubPercent: 33.3,
      // passed HIGH 5 of MEDIUM 2 + HIGH 5 + LOW 1
      severityWeightedPercent: 62.5,
      passed: 1,
      failed: 1,
      warned: 1,
      errored: 0,
    });
  });

  it('selects findings by ARN and by resource tags, most severe first', () => {
    const posture = entityPosture({
      checks,
      findings,
      matcher,
      findingsUnavailableReason: undefined,
    });
    expect(posture.findings.items.map(f => f.id)).toEqual(['b', 'a']);
    expect(posture.findings.total).toBe(2);
    expect(posture.findings.bySeverity.CRITICAL).toBe(1);
    expect(posture.findings.bySeverity.HIGH).toBe(1);
  });

  it('a matcher without ARNs or tags selects nothing', () => {
    const none = createResourceMatcher({ arns: [], resourceTagSets: [] });
    expect(none.selectsResources).toBe(false);
    expect(entityPosture({ checks, findings, matcher: none }).checks).toEqual(
      [],
    );
  });
});

describe('aiCostOfAgents', () => {
  it('sums complete days of the month and adds the last week’s average for each day left', () => {
    const daily = [];
    for (let d = 1; d <= 9; d++) {
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      daily.push({
        day,
        provider: 'openai',
        agent: 'chatbot',
        amountMicros: 1_000_000,
      });
      daily.push({
        day,
        provider: 'azure',
        agent: 'chatbot',
        amountMicros: 500_000,
      });
      daily.push({
        day,
        provider: 'openai',
        agent: 'content',
        amountMicros: 7_000_000,
      });
    }
    daily.push({
      day: '2026-10-31',
      provider: 'openai',
      agent: 'chatbot',
      amountMicros: 9_000_000,
    });
    // The partial current day is never counted.
    daily.push({
      day: '2026-11-10',
      provider: 'openai',
      agent: 'chatbot',
      amountMicros: 9_000_000,
    });
    const cost = aiCostOfAgents({
      now: new Date('2026-11-10T15:00:00Z'),
      agents: ['chatbot'],
      daily,
    });
    expect(cost.month).toBe('2026-11');
    expect(cost.throughDay).toBe('2026-11-09');
    expect(cost.monthToDateMicros).toBe(9 * 1_500_000);
    // 21 days left (10th–30th) at 1.5 USD/day.
    expect(cost.forecastMicros).toBe(9 * 1_500_000 + 21 * 1_500_000);
    expect(cost.agents).toEqual([
      {
        agent: 'chatbot',
        monthToDateMicros: 13_500_000,
        forecastMicros: 45_000_000,
      },
    ]);
  });

  it('is zero for an agent the ledger does not know', () => {
    const cost = aiCostOfAgents({
      now: new Date('2026-11-10T15:00:00Z'),
      agents: ['ghost'],
      daily: [],
    });
    expect(cost).toMatchObject({
      monthToDateMicros: 0,
      forecastMicros: 0,
      throughDay: null,
    });
  });
});

describe('mergeMappings', () => {
  it('unions every member once', () => {
    const merged = mergeMappings([
      {
        arns: [CLUSTER],
        resourceTagSets: [[{ key: 'a', value: '1' }]],
        costTagSets: [],
        costCategorySets: [],
        rateLimiter: false,
        aiAgents: ['chatbot'],
      },
      {
        arns: [CLUSTER, TABLE],
        resourceTagSets: [[{ key: 'a', value: '1' }]],
        costTagSets: [],
        costCategorySets: [],
        rateLimiter: true,
        aiAgents: ['chatbot', 'content'],
      },
    ]);
    expect(merged).toEqual({
      arns: [CLUSTER, TABLE],
      resourceTagSets: [[{ key: 'a', value: '1' }]],
      costTagSets: [],
      costCategorySets: [],
      rateLimiter: true,
      aiAgents: ['chatbot', 'content'],
    });
  });
});
