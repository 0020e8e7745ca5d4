import { recordedPrice } from '../testUtils/recordedPrices';
import { estimateCloudTrailCost } from './cloudTrail/cost';
import { estimateContainerInsightsCost } from './containerInsights/cost';
import { estimatePitrCost } from './dynamoDbPitr/cost';
import { estimateGuardDutyCost } from './guardDuty/cost';
import { AUTOMATED_CHECKS } from './index';
import { bytesKeptAfter, estimateLogRetentionCost } from './logRetention/cost';
import { estimateSecurityHubCost } from './securityHub/cost';

const GB = 1024 ** 3;
const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-06T08:00:00Z');

describe('what each fix adds to the monthly bill (recorded us-east-1 prices)', () => {
  it('prices PITR on the size of the tables it turns on', () => {
    const cost = estimatePitrCost({
      state: {
        tables: [
          { name: 'ai-costs', found: true, pointInTimeRecovery: false },
          { name: 'cost-alerts', found: true, pointInTimeRecovery: true },
        ],
      },
      usage: { bytesByTable: { 'ai-costs': 50 * GB, 'cost-alerts': 999 * GB } },
      prices: {
        pitr: recordedPrice('AmazonDynamoDB', 'TimedPITRStorage-ByteHrs'),
      },
    });
    expect(cost).toMatchObject({ monthlyUsd: 10, currency: 'USD' });
    expect(cost.assumptions[0]).toContain('50.00 GB for ai-costs');
    expect(cost.assumptions[1]).toContain('$0.20 per GB-Mo');
  });

  it('prices GuardDuty on the stated event and log volumes, with the free trial for a new detector', () => {
    const prices = {
      events: recordedPrice('AmazonGuardDuty', 'PaidEventsAnalyzed'),
      logs: recordedPrice('AmazonGuardDuty', 'PaidEventsAnalyzed-Bytes'),
    };
    const fresh = estimateGuardDutyCost({
      state: { region: 'us-east-1', detectors: [] },
      usage: undefined,
      prices,
    });
    // 2,000,000 events × $0.000004 + 20 GB × $1.00
    expect(fresh.monthlyUsd).toBe(28);
    expect(fresh.assumptions.join(' ')).toMatch(
      /2,000,000 CloudTrail management events.*20 GB of VPC Flow Logs.*first 30 days/,
    );
    expect(
      estimateGuardDutyCost({
        state: {
          region: 'us-east-1',
          detectors: [{ detectorId: 'd', status: 'ENABLED' }],
        },
        usage: undefined,
        prices,
      }),
    ).toMatchObject({ monthlyUsd: 0 });
  });

  it('prices Security Hub checks across the tiers, only while the hub or FSBP is off', () => {
    const prices = {
      checks: recordedPrice('AWSSecurityHub', 'PaidComplianceCheck'),
    };
    expect(
      estimateSecurityHubCost({
        state: { region: 'us-east-1', hubEnabled: false },
        usage: undefined,
        prices,
      }),
    ).toMatchObject({ monthlyUsd: 10 });
    expect(
      estimateSecurityHubCost({
        state: {
          region: 'us-east-1',
          hubEnabled: true,
          enabledStandardsArns: [
            'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0',
          ],
        },
        usage: undefined,
        prices,
      }),
    ).toMatchObject({ monthlyUsd: 0 });
  });

  it('prices Container Insights from the services and tasks of the clusters it turns on', () => {
    const cost = estimateContainerInsightsCost({
      state: {
        clusters: [
          { name: 'web', found: true, containerInsights: 'disabled' },
          { name: 'workers', found: true, containerInsights: 'enabled' },
        ],
      },
      usage: {
        clusters: [{ name: 'web', services: 3, runningTasks: 10 }],
      },
      prices: {
        metrics: recordedPrice('AmazonCloudWatch', 'CW:MetricMonitorUsage'),
        logs: recordedPrice('AmazonCloudWatch', 'DataProcessing-Bytes'),
      },
    });
    // (10 + 3 × 10) metrics × $0.30 + 10 tasks × 30 MB × $0.50/GB
    expect(cost.monthlyUsd).toBe(12.15);
    expect(cost.assumptions[0]).toBe(
      '1 clusters with 3 services and 10 running tasks (DescribeClusters).',
    );
  });

  describe('log retention', () => {
    const prices = {
      storage: recordedPrice('AmazonCloudWatch', 'TimedStorage-ByteHrs'),
    };

    it('lowers storage for groups that kept logs forever, and says so', () => {
      const cost = estimateLogRetentionCost({
        state: { groups: [{ name: '/ecs/web' }] },
        usage: {
          readAtMs: NOW,
          // 300 days of logs: 30 days keep a tenth of them.
          groups: [
            {
              name: '/ecs/web',
              storedBytes: 100 * GB,
              createdAtMs: NOW - 300 * DAY_MS,
            },
          ],
        },
        prices,
      });
      expect(cost.monthlyUsd).toBe(-2.7); // 90 GB × $0.03 less
      expect(cost.assumptions[0]).toMatch(/^Lowers storage cost/);
    });

    it('raises storage for groups that kept logs less than 30 days', () => {
      const cost = estimateLogRetentionCost({
        state: {
          groups: [
            { name: '/aws/lambda/limiter', retentionDays: 7 },
            { name: '/ok', retentionDays: 60 },
          ],
        },
        usage: {
          readAtMs: NOW,
          groups: [
            { name: '/aws/lambda/limiter', storedBytes: 7 * GB },
            { name: '/ok', storedBytes: 1000 * GB },
          ],
        },
        prices,
      });
      expect(cost.monthlyUsd).toBe(0.69); // (30 − 7) GB × $0.03
      expect(cost.assumptions[0]).toMatch(/^Raises storage cost/);
    });

    it('keeps what a young group stores when it is younger than the retention', () => {
      expect(
        bytesKeptAfter(
          {},
          { storedBytes: GB, createdAtMs: NOW - 10 * DAY_MS },
          30,
          NOW,
        ),
      ).toBe(GB);
    });
  });

  describe('CloudTrail', () => {
    const prices = {
      paidEvents: recordedPrice('AWSCloudTrail', 'PaidEventsRecorded'),
      storage: recordedPrice('AmazonS3', 'TimedStorage-ByteHrs'),
    };
    const trail = (name: string, over: object = {}) => ({
      name,
      arn: `arn:aws:cloudtrail:us-east-1:123456789012:trail/${name}`,
      isMultiRegion: false,
      logFileValidation: false,
      isLogging: true,
      ...over,
    });

    it('bills the other regions only as S3 storage while this is the first copy', () => {
      const cost = estimateCloudTrailCost({
        state: { trailName: 'main', trails: [trail('main')] },
        usage: undefined,
        prices,
      });
      expect(cost.monthlyUsd).toBe(0); // 100,000 events × 200 B at $0.023/GB
      expect(cost.assumptions).toContain(
        'The first copy of management events is free.',
      );
      expect(cost.assumptions).toContain('The plan turns on no data events.');
    });

    it('bills the events as an additional copy when another trail already logs', () => {
      const cost = estimateCloudTrailCost({
        state: {
          trailName: 'main',
          trails: [trail('main', { isLogging: false }), trail('org')],
        },
        usage: undefined,
        prices,
      });
      // (2,000,000 + 100,000) events × $0.00002, plus storage under a cent
      expect(cost.monthlyUsd).toBe(42.01);
    });
  });

  it('states a cost, or "no charge", for every automated remediation', () => {
    const free = AUTOMATED_CHECKS.filter(
      c => Object.keys(c.remediation.cost.prices).length === 0,
    ).map(c => [
      c.meta.id,
      c.remediation.cost.estimate({
        state: undefined,
        usage: undefined,
        prices: {},
      }),
    ]);
    expect(free.map(([id]) => id)).toEqual([
      's3-account-public-access-block',
      'sqs-encryption',
    ]);
    for (const [, cost] of free) {
      expect(cost).toMatchObject({
        monthlyUsd: 0,
        assumptions: [expect.stringMatching(/^No charge: /)],
      });
    }
  });
});
