import { resolve } from 'node:path';
import { loadResourceNames, parseResourceNames } from './resources';

const APP_CONFIG = resolve(__dirname, '../../../app-config.yaml');

const valid = {
  tables: { aiCosts: 'ai', costAlerts: 'alerts' },
  queues: {
    workflows: 'w.fifo',
    workflowsDlq: 'wd.fifo',
    rateLimiter: 'r',
    rateLimiterDlq: 'rd',
  },
  topics: { costAlerts: 'c', securityAlerts: 's', opsAlerts: 'o' },
  budgetName: 'b',
  monthlyBudgetUsd: 500,
  ecsClusters: ['one'],
  redisReplicationGroupId: 'redis',
  rdsParameterGroupName: 'pg',
  rdsInstanceId: 'db',
  cloudTrailName: 'trail',
  ecsServices: [{ cluster: 'one', service: 'web' }],
  rateLimiterFunctionName: 'limiter',
  rateLimiterAlias: 'live',
  intelligentTieringBuckets: ['assets'],
  costAnomalyMonitorName: 'monitor',
  secrets: ['app/token'],
  appVpc: 'vpc-name',
};

describe('loadResourceNames', () => {
  it('reads the resource names from the repository app-config.yaml', async () => {
    const names = await loadResourceNames(APP_CONFIG);
    expect(names.queues.rateLimiter).toBe('huntaze-rate-limiter-queue');
    expect(names.tables.aiCosts).toBe('huntaze-ai-costs-production');
    expect(names.ecsClusters).toHaveLength(3);
    expect(names.monthlyBudgetUsd).toBe(500);
    expect(names.ecsServices[0]).toEqual({
      cluster: 'huntaze-web-production',
      service: 'web',
    });
  });
});

describe('parseResourceNames', () => {
  it('accepts a complete block unchanged', () => {
    expect(parseResourceNames(valid)).toEqual(valid);
  });

  it('names the missing key when a queue is absent', () => {
    const { rateLimiterDlq: _dropped, ...queues } = valid.queues;
    expect(() => parseResourceNames({ ...valid, queues })).toThrow(
      'prodHardening.resources.queues.rateLimiterDlq must be a non-empty string',
    );
  });

  it('rejects an empty cluster list and a non-numeric budget', () => {
    expect(() => parseResourceNames({ ...valid, ecsClusters: [] })).toThrow(
      'ecsClusters must be a non-empty list',
    );
    expect(() =>
      parseResourceNames({ ...valid, monthlyBudgetUsd: '500' }),
    ).toThrow('monthlyBudgetUsd must be a positive number');
  });

  it('names the blank Intelligent-Tiering bucket and the missing alias', () => {
    expect(() =>
      parseResourceNames({ ...valid, intelligentTieringBuckets: ['a', ' '] }),
    ).toThrow(
      'prodHardening.resources.intelligentTieringBuckets[1] must be a non-empty string',
    );
    const { rateLimiterAlias: _dropped, ...withoutAlias } = valid;
    expect(() => parseResourceNames(withoutAlias)).toThrow(
      'prodHardening.resources.rateLimiterAlias must be a non-empty string',
    );
  });

  it('names the entry of a service without its cluster', () => {
    expect(() =>
      parseResourceNames({ ...valid, ecsServices: [{ service: 'web' }] }),
    ).toThrow(
      'prodHardening.resources.ecsServices[0].cluster must be a non-empty string',
    );
  });
});
