import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  ProvideAnomalyFeedbackCommand,
} from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import type { ActingUser, AwsClientFactory } from '../aws';
import { CostExplorerSource } from './costExplorer';

// The local emulator answers GetCostAndUsage in one page and has no forecast or
// anomalies API, so pagination and those answers are mocked here; the one-page path runs
// against moto in router/finops.test.ts.
const ce = mockClient(CostExplorerClient);

function factory(): AwsClientFactory {
  const client = new CostExplorerClient({ region: 'us-east-1' });
  return {
    region: 'us-east-1',
    accountId: '123456789012',
    client: () => client,
    destroy: () => client.destroy(),
  } as unknown as AwsClientFactory;
}

const day = (start: string, groups: Array<[string[], string]>) => ({
  TimePeriod: { Start: start, End: start },
  Groups: groups.map(([Keys, Amount]) => ({
    Keys,
    Metrics: { UnblendedCost: { Amount, Unit: 'USD' } },
  })),
});

describe('CostExplorerSource', () => {
  beforeEach(() => ce.reset());

  it('follows NextPageToken to the last page and counts every billed request', async () => {
    ce.on(GetCostAndUsageCommand, { NextPageToken: undefined }).resolves({
      ResultsByTime: [day('2026-11-01', [[['AWS Lambda'], '0.60']])],
      NextPageToken: 'p2',
    });
    ce.on(GetCostAndUsageCommand, { NextPageToken: 'p2' }).resolves({
      ResultsByTime: [day('2026-11-02', [[['AWS Lambda'], '0.70']])],
      NextPageToken: 'p3',
    });
    ce.on(GetCostAndUsageCommand, { NextPageToken: 'p3' }).resolves({
      ResultsByTime: [day('2026-11-03', [[['AWS Lambda'], '0.80']])],
    });
    const requests: string[] = [];
    const rows = await new CostExplorerSource(factory(), {
      onRequest: op => {
        requests.push(op);
      },
    }).getDailyCostByService('2026-11-01', '2026-11-04');
    expect(rows.map(r => r.amountUsd)).toEqual(['0.60', '0.70', '0.80']);
    expect(requests).toEqual([
      'GetCostAndUsage',
      'GetCostAndUsage',
      'GetCostAndUsage',
    ]);
  });

  it('asks for service × usage type of the named services only, and skips malformed groups', async () => {
    ce.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: [
        day('2026-11-01', [
          [['EC2 - Other', 'USE1-NatGateway-Bytes'], '1.25'],
          [['EC2 - Other'], '9.99'],
        ]),
      ],
    });
    const rows = await new CostExplorerSource(
      factory(),
    ).getDailyCostByUsageType('2026-11-01', '2026-11-02', ['EC2 - Other']);
    expect(rows).toEqual([
      {
        day: '2026-11-01',
        service: 'EC2 - Other',
        usageType: 'USE1-NatGateway-Bytes',
        amountUsd: '1.25',
      },
    ]);
    const input = ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input;
    expect(input.GroupBy).toEqual([
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
    ]);
    expect(input.Filter).toEqual({
      Dimensions: { Key: 'SERVICE', Values: ['EC2 - Other'] },
    });
  });

  it("reads AWS's month forecast with its 80% interval", async () => {
    ce.on(GetCostForecastCommand).resolves({
      Total: { Amount: '512.40', Unit: 'USD' },
      ForecastResultsByTime: [
        {
          MeanValue: '512.40',
          PredictionIntervalLowerBound: '480.00',
          PredictionIntervalUpperBound: '545.10',
        },
      ],
    });
    expect(
      await new CostExplorerSource(factory()).getCostForecast(
        '2026-11-28',
        '2026-12-01',
      ),
    ).toEqual({ meanUsd: '512.40', lowUsd: '480.00', highUsd: '545.10' });
    expect(
      ce.commandCalls(GetCostForecastCommand)[0].args[0].input
        .PredictionIntervalLevel,
    ).toBe(80);
  });

  it('pages through the anomalies', async () => {
    ce.on(GetAnomaliesCommand, { NextPageToken: undefined }).resolves({
      Anomalies: [
        {
          AnomalyId: 'a1',
          AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.5 },
          Impact: { MaxImpact: 40, TotalImpact: 38 },
          MonitorArn: 'arn',
          DimensionValue: 'AmazonCloudWatch',
        },
      ],
      NextPageToken: 'next',
    });
    ce.on(GetAnomaliesCommand, { NextPageToken: 'next' }).resolves({
      Anomalies: [
        {
          AnomalyId: 'a2',
          AnomalyScore: { MaxScore: 0.4, CurrentScore: 0.1 },
          Impact: { MaxImpact: 6 },
          MonitorArn: 'arn',
        },
      ],
    });
    const anomalies = await new CostExplorerSource(factory()).getAnomalies(
      '2026-10-29',
    );
    expect(anomalies.map(a => [a.id, a.maxScore, a.totalImpactUsd])).toEqual([
      ['a1', 0.9, 38],
      ['a2', 0.4, undefined],
    ]);
  });

  it('sends an anomaly feedback with the remediation role acting for the user, never the read role', async () => {
    ce.on(ProvideAnomalyFeedbackCommand).resolves({ AnomalyId: 'a1' });
    const readClient = new CostExplorerClient({ region: 'us-east-1' });
    const remediationClient = new CostExplorerClient({ region: 'us-east-1' });
    const actors: ActingUser[] = [];
    const aws = {
      region: 'us-east-1',
      accountId: '123456789012',
      client: () => readClient,
      actingAs: async (actor: ActingUser, fn: any) => {
        actors.push(actor);
        return fn({ ...aws, actor, client: () => remediationClient });
      },
      destroy: () => undefined,
    } as unknown as AwsClientFactory;
    const requests: string[] = [];
    await new CostExplorerSource(aws, {
      onRequest: op => {
        requests.push(op);
      },
    }).provideAnomalyFeedback('a1', 'PLANNED_ACTIVITY', 'user:default/fiona');
    const [call] = ce.commandCalls(ProvideAnomalyFeedbackCommand);
    expect(call.args[0].input).toEqual({
      AnomalyId: 'a1',
      Feedback: 'PLANNED_ACTIVITY',
    });
    expect(call.thisValue).toBe(remediationClient);
    expect(actors).toEqual([{ userRef: 'user:default/fiona' }]);
    // Billed like every Cost Explorer request, so counted like them.
    expect(requests).toEqual(['ProvideAnomalyFeedback']);
  });

  it('lets a refused feedback through to the caller', async () => {
    ce.on(ProvideAnomalyFeedbackCommand).rejects(
      Object.assign(new Error('not authorized'), {
        name: 'AccessDeniedException',
      }),
    );
    const aws = {
      actingAs: async (_actor: ActingUser, fn: any) =>
        fn({ client: () => new CostExplorerClient({ region: 'us-east-1' }) }),
    } as unknown as AwsClientFactory;
    await expect(
      new CostExplorerSource(aws).provideAnomalyFeedback(
        'a1',
        'NO',
        'user:default/fiona',
      ),
    ).rejects.toThrow('not authorized');
  });
});
