import { BudgetsClient } from '@aws-sdk/client-budgets';
import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Knex } from 'knex';
import { migratedSqlite } from '../../testUtils/database';
import type { AwsClientFactory } from '../../aws';
import { AiLedgerSource } from '../../sources/aiLedger';
import { BudgetsSource } from '../../sources/budgets';
import { CostExplorerSource } from '../../sources/costExplorer';
import { FinOpsService } from './FinOpsService';
import { FinOpsStore } from './FinOpsStore';
import { AnomalyFeedbackStore } from './AnomalyFeedbackStore';

// The local emulator implements neither GetCostForecast nor GetAnomalies, so the path
// where AWS answers both is exercised here with mocked AWS answers (the unavailable path
// runs against moto in router/finops.test.ts).
const ce = mockClient(CostExplorerClient);
const budgets = mockClient(BudgetsClient);
const dynamo = mockClient(DynamoDBClient);

function factory(): AwsClientFactory {
  const clients = new Map<Function, unknown>();
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    client: (Client: any) => {
      if (!clients.has(Client))
        clients.set(Client, new Client({ region: 'us-east-1' }));
      return clients.get(Client);
    },
    destroy: () => undefined,
  } as unknown as AwsClientFactory;
}

describe('FinOpsService when Cost Explorer forecasts and detects anomalies', () => {
  const now = new Date('2026-11-10T09:00:00Z');
  let db: Knex;
  let service: FinOpsService;

  beforeEach(async () => {
    ce.reset();
    budgets.reset();
    dynamo.reset();
    budgets.onAnyCommand().rejects(new Error('not used here'));
    dynamo.onAnyCommand().rejects(new Error('not used here'));
    // Nine complete days of $20 from the 1st, and AWS's forecast for the rest.
    ce.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: Array.from({ length: 9 }, (_, i) => ({
        TimePeriod: { Start: `2026-11-0${i + 1}`, End: '' },
        Groups: [
          {
            Keys: ['Amazon Elastic Container Service'],
            Metrics: { UnblendedCost: { Amount: '20', Unit: 'USD' } },
          },
        ],
      })),
    });
    ce.on(GetCostForecastCommand).resolves({
      Total: { Amount: '430.5', Unit: 'USD' },
      ForecastResultsByTime: [
        {
          MeanValue: '430.5',
          PredictionIntervalLowerBound: '400',
          PredictionIntervalUpperBound: '470',
        },
      ],
    });
    ce.on(GetAnomaliesCommand).resolves({
      Anomalies: [
        {
          AnomalyId: 'anomaly-1',
          AnomalyStartDate: '2026-11-07T00:00:00Z',
          AnomalyEndDate: '2026-11-08T00:00:00Z',
          DimensionValue: 'AmazonCloudWatch',
          AnomalyScore: { MaxScore: 0.92, CurrentScore: 0.4 },
          Impact: { MaxImpact: 40, TotalImpact: 38.5 },
          MonitorArn: 'arn:aws:ce::123456789012:anomalymonitor/x',
        },
      ],
    });
    db = await migratedSqlite();
    const aws = factory();
    service = new FinOpsService({
      budgets: new BudgetsSource(aws),
      costExplorer: new CostExplorerSource(aws),
      aiLedger: new AiLedgerSource(
        aws,
        { aiCosts: 'costs', costAlerts: 'alerts' },
        () => now,
      ),
      store: new FinOpsStore(db),
      feedback: new AnomalyFeedbackStore(db),
      budgetName: 'huntaze-monthly-budget',
      monthlyBudgetUsd: 500,
      refreshEveryHours: 6,
      now: () => now,
    });
    await service.refresh();
  });

  afterEach(async () => {
    await db.destroy();
  });

  it("leads with AWS's forecast: month-to-date plus AWS's remaining-month figure", async () => {
    const overview = await service.getOverview();
    expect(overview.forecastBasis).toBe('aws');
    expect(overview.awsForecast).toEqual({
      month: '2026-11',
      monthEndMicros: 180_000_000 + 430_500_000,
      remainingMicros: 430_500_000,
      remainingLowMicros: 400_000_000,
      remainingHighMicros: 470_000_000,
    });
    // The portal's own models are still computed beside it.
    expect(overview.forecast?.runRate.monthEndMicros).toBeGreaterThan(0);
    const byId = Object.fromEntries(overview.sources.map(s => [s.id, s.state]));
    expect(byId).toMatchObject({
      costExplorer: 'ok',
      costForecast: 'ok',
      costAnomalies: 'ok',
      budgets: 'unavailable',
    });
  });

  it("lists AWS's anomalies with their impact", async () => {
    const overview = await service.getOverview();
    expect(overview.awsAnomalies).toEqual([
      {
        id: 'anomaly-1',
        startDay: '2026-11-07',
        endDay: '2026-11-08',
        series: 'AmazonCloudWatch',
        maxScore: 0.92,
        impactMicros: 38_500_000,
        feedback: null,
      },
    ]);
  });

  it('shows the latest answer given to an AWS anomaly, and knows only the ids AWS listed', async () => {
    const feedback = new AnomalyFeedbackStore(db);
    for (const [answer, at] of [
      ['NO', '2026-11-10T08:00:00.000Z'],
      ['PLANNED_ACTIVITY', '2026-11-10T08:30:00.000Z'],
    ] as const) {
      await feedback.add({
        source: 'aws',
        anomalyId: 'anomaly-1',
        feedback: answer,
        comment: null,
        answeredBy: 'user:default/fiona',
        answeredAt: at,
      });
    }
    // The same id answered as a portal anomaly is another anomaly's answer.
    await feedback.add({
      source: 'portal',
      anomalyId: 'anomaly-1',
      feedback: 'YES',
      comment: null,
      answeredBy: 'user:default/fiona',
      answeredAt: '2026-11-10T08:45:00.000Z',
    });
    const [anomaly] = (await service.getOverview()).awsAnomalies;
    expect(anomaly.feedback).toEqual({
      source: 'aws',
      anomalyId: 'anomaly-1',
      feedback: 'PLANNED_ACTIVITY',
      comment: null,
      answeredBy: 'user:default/fiona',
      answeredAt: '2026-11-10T08:30:00.000Z',
    });
    expect(await service.knowsAnomaly('aws', 'anomaly-1')).toBe(true);
    expect(await service.knowsAnomaly('aws', 'anomaly-2')).toBe(false);
    // Nine flat days are too young a history for the portal's own detection.
    expect(await service.knowsAnomaly('portal', 'anomaly-1')).toBe(false);
  });

  it('asks AWS for the forecast from today to the end of the month', async () => {
    const input = ce.commandCalls(GetCostForecastCommand)[0].args[0].input;
    expect(input.TimePeriod).toEqual({
      Start: '2026-11-10',
      End: '2026-12-01',
    });
  });
});
