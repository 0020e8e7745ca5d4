import type {
  CheckResult,
  ResourceEvidence,
  ThrottlingCounters,
} from '@prod-hardening/plugin-prod-hardening-common';
import { computeSuccessMetrics, SuccessMetricsInput } from './successMetrics';

const CLUSTERS = [
  'huntaze-web-production',
  'huntaze-workers-production',
  'huntaze-ai-production',
];

function check(
  id: string,
  status: CheckResult['status'],
  resources: Array<Pick<ResourceEvidence, 'resourceId' | 'status'>> = [],
  summary = `${id} is ${status}`,
): CheckResult {
  return {
    id,
    title: `Title of ${id}`,
    pillar: 'security',
    control: 'baseline',
    severity: 'HIGH',
    status,
    summary,
    resources: resources.map(r => ({
      ...r,
      resourceType: 'Other',
      evidence: '',
    })),
    remediation: { kind: 'manual', why: '' },
    canAutoRemediate: false,
    evaluatedAt: '2026-11-28T08:00:00Z',
  };
}

const zeros: ThrottlingCounters = {
  allowed: 0,
  throttled: 0,
  deferred: 0,
  sent: 0,
  failed: 0,
  deadLettered: 0,
  fallback: 0,
  duplicate: 0,
  invalid: 0,
  apiThrottled: 0,
};

const clusterArn = (name: string) =>
  `arn:aws:ecs:us-east-1:123456789012:cluster/${name}`;

/** The seed's story: Redis unencrypted, BPA off, findings open, budget over. */
function storyInput(): SuccessMetricsInput {
  return {
    generatedAt: '2026-11-28T08:00:00Z',
    posture: {
      state: 'ok',
      value: {
        checks: [
          check('elasticache-encryption', 'FAIL', [
            { resourceId: 'huntaze-redis', status: 'FAIL' },
          ]),
          check('rds-force-ssl', 'PASS', [
            { resourceId: 'huntaze-postgres-production', status: 'PASS' },
          ]),
          check('sqs-encryption', 'PASS', [
            { resourceId: 'q1', status: 'PASS' },
            { resourceId: 'q2', status: 'PASS' },
          ]),
          check('sns-encryption', 'ERROR', [], 'access denied'),
          check('s3-account-public-access-block', 'FAIL', [], 'BPA is off.'),
          check(
            'cloudtrail-multi-region',
            'PASS',
            [],
            'Trail logs all regions.',
          ),
          check('ecs-container-insights', 'FAIL', [
            { resourceId: clusterArn(CLUSTERS[0]), status: 'PASS' },
            { resourceId: clusterArn(CLUSTERS[1]), status: 'FAIL' },
            { resourceId: clusterArn(CLUSTERS[2]), status: 'PASS' },
          ]),
        ],
      },
    },
    findings: { state: 'ok', value: { high: 12, critical: 3 } },
    finops: {
      state: 'ok',
      value: {
        budget: {
          name: 'b',
          limitMicros: 500_000_000,
          actualMicros: 620_000_000,
          forecastMicros: 750_000_000,
          notifications: [],
        },
        forecastMonthEndMicros: 741_500_000,
        monthlyBudgetMicros: 500_000_000,
      },
    },
    savings: {
      state: 'ok',
      value: [
        {
          id: 'vpc-endpoints-nat',
          title: '',
          goalPercent: 20,
          basis: '',
          status: 'met',
          explanation: 'NAT −25.3%',
          reductionPercent: 25.3,
        },
        {
          id: 'dynamodb-ttl-storage',
          title: '',
          goalPercent: 30,
          basis: '',
          status: 'measuring',
          explanation: 'Only 3 day(s) since the change',
          reductionPercent: 40,
        },
      ],
    },
    throttling: {
      state: 'ok',
      value: {
        windowMinutes: 60,
        totals: { ...zeros, sent: 990, deadLettered: 10, apiThrottled: 0 },
        latency: { decisions: 1200, p50Ms: 2, p99Ms: 50, meanMs: 3 },
      },
    },
    ecsClusters: CLUSTERS,
  };
}

const byId = (input: SuccessMetricsInput) =>
  Object.fromEntries(computeSuccessMetrics(input).metrics.map(m => [m.id, m]));

describe('computeSuccessMetrics', () => {
  it('scores the seed story against every target', () => {
    const report = computeSuccessMetrics(storyInput());
    const m = Object.fromEntries(report.metrics.map(x => [x.id, x]));
    expect(report.metrics.map(x => x.id)).toEqual([
      'encryption-coverage',
      'high-critical-findings',
      'public-s3-buckets',
      'cloudtrail-coverage',
      'container-insights',
      'monthly-cost',
      'budget-overruns',
      'savings-vpc-endpoints-nat',
      'savings-dynamodb-ttl-storage',
      'limiter-compliance',
      'dlq-rate',
      'decision-latency-p99',
    ]);
    // 3 of 4 evaluable resources: the SNS check errored and does not count.
    expect(m['encryption-coverage']).toMatchObject({
      value: '75%',
      status: 'not-met',
      target: '100%',
    });
    expect(m['encryption-coverage'].detail).toContain(
      'Failing: Title of elasticache-encryption',
    );
    expect(m['high-critical-findings']).toMatchObject({
      value: '15',
      status: 'not-met',
      runbookId: 'security-incident',
    });
    expect(m['public-s3-buckets']).toMatchObject({
      value: 'not prevented',
      status: 'not-met',
      checkId: 's3-account-public-access-block',
    });
    expect(m['cloudtrail-coverage']).toMatchObject({
      value: '100%',
      status: 'met',
    });
    expect(m['container-insights']).toMatchObject({
      value: '2 of 3',
      target: '3 of 3',
      status: 'not-met',
    });
    expect(m['container-insights'].detail).toBe(
      'Off or missing: huntaze-workers-production.',
    );
    expect(m['monthly-cost']).toMatchObject({
      value: '$741.50',
      target: '< $500.00',
      status: 'not-met',
    });
    expect(m['budget-overruns']).toMatchObject({
      value: '1',
      status: 'not-met',
    });
    expect(m['savings-vpc-endpoints-nat']).toMatchObject({
      value: '25.3%',
      status: 'met',
      target: '≥ 20%',
    });
    // Provisional figures are not scored.
    expect(m['savings-dynamodb-ttl-storage'].status).toBe('unknown');
    expect(m['limiter-compliance']).toMatchObject({
      value: '100%',
      status: 'met',
    });
    expect(m['dlq-rate']).toMatchObject({ value: '1%', status: 'not-met' });
    expect(m['decision-latency-p99']).toMatchObject({
      value: '≤ 50 ms',
      status: 'met',
    });
    expect(report).toMatchObject({ met: 4, notMet: 7, unknown: 1 });
  });

  it('counts every 429 from the messaging API as a limit violation', () => {
    const input = storyInput();
    input.throttling = {
      state: 'ok',
      value: {
        windowMinutes: 60,
        totals: { ...zeros, sent: 998, apiThrottled: 2 },
        latency: {
          decisions: 10,
          p50Ms: 1,
          p99Ms: null,
          p99OverMs: 1000,
          meanMs: 700,
        },
      },
    };
    const m = byId(input);
    expect(m['limiter-compliance']).toMatchObject({
      value: '99.8%',
      status: 'not-met',
    });
    expect(m['dlq-rate']).toMatchObject({ value: '0%', status: 'met' });
    expect(m['decision-latency-p99']).toMatchObject({
      value: '> 1000 ms',
      status: 'not-met',
    });
  });

  it('says unknown, with the reason, when a source is down or has no data', () => {
    const input = storyInput();
    input.posture = { state: 'unavailable', reason: 'AWS timed out' };
    input.throttling = {
      state: 'ok',
      value: {
        windowMinutes: 60,
        totals: zeros,
        latency: { decisions: 0, p50Ms: null, p99Ms: null, meanMs: null },
      },
    };
    input.finops = { state: 'unavailable', reason: 'database down' };
    const report = computeSuccessMetrics(input);
    const m = Object.fromEntries(report.metrics.map(x => [x.id, x]));
    for (const id of [
      'encryption-coverage',
      'public-s3-buckets',
      'container-insights',
    ]) {
      expect(m[id]).toMatchObject({ status: 'unknown', value: null });
      expect(m[id].detail).toContain('AWS timed out');
    }
    expect(m['limiter-compliance'].detail).toBe(
      'No deliveries in the last 60 minutes.',
    );
    expect(m['dlq-rate'].status).toBe('unknown');
    expect(m['monthly-cost'].detail).toContain('database down');
  });

  it('passes everything when the account is hardened', () => {
    const input = storyInput();
    input.posture = {
      state: 'ok',
      value: {
        checks: [
          check('elasticache-encryption', 'PASS', [
            { resourceId: 'r', status: 'PASS' },
          ]),
          check('s3-account-public-access-block', 'PASS'),
          check('cloudtrail-multi-region', 'PASS'),
          check(
            'ecs-container-insights',
            'PASS',
            CLUSTERS.map(c => ({
              resourceId: clusterArn(c),
              status: 'PASS' as const,
            })),
          ),
        ],
      },
    };
    input.findings = { state: 'ok', value: { high: 0, critical: 0 } };
    const m = byId(input);
    expect(m['encryption-coverage']).toMatchObject({
      value: '100%',
      status: 'met',
    });
    expect(m['public-s3-buckets']).toMatchObject({ value: '0', status: 'met' });
    expect(m['high-critical-findings'].status).toBe('met');
    expect(m['container-insights']).toMatchObject({
      value: '3 of 3',
      status: 'met',
    });
  });
});
