import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  loadResourceNames,
  seedDemoAccount,
  startMoto,
  storyServiceCosts,
  storySavingsChangeDay,
  storyUsageTypeCosts,
  COST_SPIKE,
  MotoServer,
} from '@prod-hardening/dev-stack';
import { resolve } from 'node:path';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';

jest.setTimeout(120_000);

const APP_CONFIG = resolve(__dirname, '../../../../app-config.yaml');
const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const micros = (amount: string) => Math.round(Number(amount) * 100) * 10_000;

describe('FinOps routes on the seeded demo account (moto_server)', () => {
  let moto: MotoServer;
  let server: any;
  let ceSend: jest.SpyInstance;
  // The seed and the backend share the real clock: the backend has no test clock.
  const now = new Date();
  const today = day(now.getTime());

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    ceSend = jest.spyOn(CostExplorerClient.prototype, 'send');
    moto = await startMoto();
    const resources = await loadResourceNames(APP_CONFIG);
    await seedDemoAccount({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      accountId: '123456789012',
      resources,
      now,
    });
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        mockServices.rootConfig.factory({
          data: {
            prodHardening: {
              aws: {
                accountId: '123456789012',
                region: 'us-east-1',
                endpoint: moto.endpoint,
                maxAttempts: 1,
              },
              redis: { url: 'redis://127.0.0.1:1' },
              resources: resources as any,
              finops: { savingsChangeDay: storySavingsChangeDay(now) },
            },
          },
        }),
      ],
    }));
  });

  afterAll(async () => {
    ceSend?.mockRestore();
    await moto?.stop();
  });

  it('shows the budget over: $500 limit, ~$750 forecast, the 80% forecast notification fired', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/finops/overview',
    );
    expect(res.status).toBe(200);
    const { budget } = res.body;
    expect(budget.limitMicros).toBe(500_000_000);
    expect(budget.forecastMicros).toBe(750_000_000);
    const forecasted = budget.notifications.find(
      (n: any) => n.notificationType === 'FORECASTED',
    );
    expect(forecasted).toMatchObject({
      threshold: 80,
      thresholdMicros: 400_000_000,
      fired: true,
    });
    const actual = budget.notifications.find(
      (n: any) => n.notificationType === 'ACTUAL',
    );
    expect(actual.thresholdMicros).toBe(500_000_000);
    expect(actual.fired).toBe(actual.comparedMicros > 500_000_000);
  });

  it('serves the seeded Cost Explorer days exactly, and forecasts the month with our own model', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/finops/overview',
    );
    const seeded = storyServiceCosts(now);
    const total = (rows: { amountMicros: number }[]) =>
      rows.reduce((s, r) => s + r.amountMicros, 0);
    expect(res.body.serviceCosts).toHaveLength(seeded.length);
    expect(total(res.body.serviceCosts)).toBe(
      seeded.reduce((s, r) => s + micros(r.amount), 0),
    );
    const forecast = res.body.forecast;
    // The run-rate method from the seeded days themselves: the month so far,
    // then the mean of the last 7 complete days for every day left. (The
    // seeded spike falls inside those 7 days, so the figure moves with the
    // date: it is computed, not bounded.)
    const dailyTotal = (d: string) =>
      seeded.filter(r => r.day === d).reduce((s, r) => s + micros(r.amount), 0);
    const todayMs = Date.parse(`${today}T00:00:00Z`);
    const lastSeven = Array.from({ length: 7 }, (_, i) =>
      day(todayMs - (i + 1) * DAY_MS),
    );
    const runRate = Math.round(
      lastSeven.map(dailyTotal).reduce((a, b) => a + b, 0) / 7,
    );
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const monthDays = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0),
    ).getUTCDate();
    const elapsed = Math.round((todayMs - monthStart) / DAY_MS);
    const monthToDate = Array.from({ length: elapsed }, (_, i) =>
      day(monthStart + i * DAY_MS),
    )
      .map(dailyTotal)
      .reduce((a, b) => a + b, 0);
    expect(forecast.runRate.monthEndMicros).toBe(
      monthToDate + runRate * (monthDays - elapsed),
    );
    // ~$24.60 a day: well over the $500 budget whatever the month
    expect(forecast.runRate.monthEndMicros).toBeGreaterThan(650_000_000);
    expect(forecast.burn.burnRatio).toBeGreaterThan(1.3);
  });

  it('labels the forecast as our own when GetCostForecast is unavailable', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/finops/overview',
    );
    expect(res.body.forecastBasis).toBe('own');
    expect(res.body.awsForecast).toBeNull();
    const byId = Object.fromEntries(
      res.body.sources.map((s: any) => [s.id, s]),
    );
    expect(byId.costExplorer.state).toBe('ok');
    expect(byId.costForecast.state).toBe('unavailable');
    expect(byId.costForecast.reason).toMatch(
      /^the API is not available on this endpoint.*own forecast only$/,
    );
    expect(byId.costAnomalies.state).toBe('unavailable');
    expect(byId.budgets.state).toBe('ok');
    expect(byId.aiLedger.state).toBe('ok');
  });

  it('finds the seeded CloudWatch spike, and shows AI costs and the seeded alerts', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/finops/overview',
    );
    const spikeDay = day(
      Date.parse(`${today}T00:00:00Z`) - COST_SPIKE.daysAgo * DAY_MS,
    );
    expect(res.body.anomalies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          day: spikeDay,
          dimension: 'service',
          series: COST_SPIKE.service,
        }),
      ]),
    );
    expect(
      res.body.ai.unitEconomics.byProvider.map((r: any) => r.key).sort(),
    ).toEqual(['azure', 'openai']);
    // the per-agent table is the daily rows summed, computed here, not in the UI
    const summed = new Map<string, number>();
    for (const r of res.body.ai.daily) {
      const key = `${r.provider}/${r.agent}`;
      summed.set(key, (summed.get(key) ?? 0) + r.amountMicros);
    }
    expect(
      res.body.ai.byProviderAgent.map(
        (r: any) => [`${r.provider}/${r.agent}`, r.amountMicros] as const,
      ),
    ).toEqual(
      [...summed].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    );
    expect(res.body.alerts.map((a: any) => a.alertType)).toEqual([
      'daily_limit',
      'anomaly',
    ]);
  });

  it('100 overview and savings requests send no Cost Explorer request beyond the start-up refresh', async () => {
    await request(server).get('/api/prod-hardening/finops/optimisation');
    const before = ceSend.mock.calls.length;
    // The start-up refresh: one page of daily costs, the forecast, the anomalies, then
    // one page of the savings targets' usage types.
    expect(before).toBe(4);
    for (let i = 0; i < 50; i++) {
      for (const path of ['overview', 'optimisation']) {
        const res = await request(server).get(
          `/api/prod-hardening/finops/${path}`,
        );
        expect(res.status).toBe(200);
      }
    }
    expect(ceSend.mock.calls.length).toBe(before);
    const res = await request(server).get(
      '/api/prod-hardening/finops/overview',
    );
    expect(res.body.costExplorerUsage).toMatchObject({
      requests: 4,
      costMicros: 40_000,
      refreshEveryHours: 6,
    });
  });

  it('measures the seed’s savings targets from Cost Explorer usage types', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/finops/optimisation',
    );
    expect(res.status).toBe(200);
    expect(res.body.changeDay).toBe(storySavingsChangeDay(now));
    const byId = Object.fromEntries(
      res.body.targets.map((t: any) => [t.id, t]),
    );
    // The story: NAT Gateway cost −25 % (goal 20 %), DynamoDB storage −22 % (goal 30 %).
    expect(byId['vpc-endpoints-nat']).toMatchObject({
      goalPercent: 20,
      status: 'met',
    });
    expect(byId['vpc-endpoints-nat'].reductionPercent).toBeGreaterThan(20);
    expect(byId['dynamodb-ttl-storage']).toMatchObject({
      goalPercent: 30,
      status: 'behind',
    });
    const baselineNat = storyUsageTypeCosts(now)
      .filter(
        r =>
          /NatGateway/.test(r.usageType) &&
          r.day < res.body.changeDay &&
          r.day >= byId['vpc-endpoints-nat'].baseline.from,
      )
      .reduce((sum, r) => sum + micros(r.amount), 0);
    expect(byId['vpc-endpoints-nat'].baseline.dailyAverageMicros).toBe(
      Math.round(baselineNat / 30),
    );
  });

  it('shows Trusted Advisor as not available when the Support API does not answer', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/finops/optimisation',
    );
    // The emulator lists Trusted Advisor checks but has no check summaries: the same
    // degradation as an account whose support plan lacks the API.
    expect(res.body.trustedAdvisor.state).toBe('not-available');
    expect(res.body.trustedAdvisor.reason).toMatch(/Trusted Advisor/);
  });

  it('exports a CSV whose AWS totals equal the seeded days of both weeks', async () => {
    const res = await request(server).get(
      '/api/prod-hardening/finops/weekly-review?format=csv',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="finops-weekly-review-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const startOfToday = Date.parse(`${today}T00:00:00Z`);
    const weekTotal = (fromBack: number, toBack: number) => {
      const from = day(startOfToday - fromBack * DAY_MS);
      const to = day(startOfToday - toBack * DAY_MS);
      const sum = storyServiceCosts(now)
        .filter(r => r.day >= from && r.day <= to)
        .reduce((s, r) => s + micros(r.amount), 0);
      return (sum / 1_000_000).toFixed(2);
    };
    const lines: string[] = res.text.split('\r\n');
    const header = lines.indexOf('section,totals') + 1;
    const columns = lines[header].split(',');
    const aws = lines
      .slice(header + 1)
      .find(l => l.startsWith('aws,'))!
      .split(',');
    const col = (name: string) => Number(aws[columns.indexOf(name)]).toFixed(2);
    expect(col('current_usd')).toBe(weekTotal(7, 1));
    expect(col('previous_usd')).toBe(weekTotal(14, 8));
  });

  it('serves the Markdown review as a download and the JSON report by default', async () => {
    const md = await request(server).get(
      '/api/prod-hardening/finops/weekly-review?format=md',
    );
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.headers['content-disposition']).toMatch(/\.md"$/);
    expect(md.text).toMatch(/^# /);
    const json = await request(server).get(
      '/api/prod-hardening/finops/weekly-review',
    );
    expect(json.status).toBe(200);
    expect(json.body.totals.aws.currentMicros).toBeGreaterThan(0);
  });

  it('rejects unknown formats and parameters with 400', async () => {
    for (const query of ['format=xlsx', 'format=', 'week=2026-01']) {
      const res = await request(server).get(
        `/api/prod-hardening/finops/weekly-review?${query}`,
      );
      expect(res.status).toBe(400);
    }
  });
});
