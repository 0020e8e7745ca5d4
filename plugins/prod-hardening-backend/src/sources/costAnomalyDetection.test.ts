import {
  CostExplorerClient,
  GetAnomalyMonitorsCommand,
  GetAnomalySubscriptionsCommand,
} from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { DefaultAwsClientFactory } from '../aws';
import { evaluateCostAnomalyDetection } from '../checks/costAnomalyDetection/evaluate';
import { readCostAnomalyFacts } from '../checks/costAnomalyDetection/facts';
import {
  ANOMALY_CONFIG_TTL_MS,
  CostAnomalyDetectionSource,
} from './costAnomalyDetection';

// moto_server does not implement Cost Anomaly Detection (GetAnomalyMonitors answers an
// HTML 500 page; the integration test checks the ERROR it leads to), so the answers of
// a real account are mocked here.
const ce = mockClient(CostExplorerClient);

const MONITOR_ARN =
  'arn:aws:ce::123456789012:anomalymonitor/0d4a6c4e-7f7c-4b1e-9d36-0b2a4c1c1d2e';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:huntaze-cost-alerts';
const NAMES = { monitorName: 'huntaze-aws-services', costTopicArn: TOPIC };

const factory = () =>
  new DefaultAwsClientFactory({
    accountId: '123456789012',
    region: 'us-east-1',
    maxAttempts: 1,
    connectTimeoutMs: 100,
    requestTimeoutMs: 100,
  } as any);

describe('CostAnomalyDetectionSource', () => {
  let aws: DefaultAwsClientFactory;
  beforeEach(() => {
    ce.reset();
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    aws = factory();
  });
  afterEach(() => aws.destroy());

  it('reads every page of monitors', async () => {
    ce.on(GetAnomalyMonitorsCommand)
      .resolvesOnce({
        AnomalyMonitors: [
          {
            MonitorArn: 'arn:first',
            MonitorName: 'Default-Services-Monitor',
            MonitorType: 'DIMENSIONAL',
            MonitorDimension: 'SERVICE',
          },
        ],
        NextPageToken: 'page-2',
      })
      .resolvesOnce({
        AnomalyMonitors: [
          {
            MonitorArn: MONITOR_ARN,
            MonitorName: 'huntaze-aws-services',
            MonitorType: 'CUSTOM',
          },
        ],
      });
    const monitors = await new CostAnomalyDetectionSource(aws).listMonitors();
    expect(monitors.map(m => m.name)).toEqual([
      'Default-Services-Monitor',
      'huntaze-aws-services',
    ]);
    expect(ce.commandCalls(GetAnomalyMonitorsCommand)[1].args[0].input).toEqual(
      { NextPageToken: 'page-2' },
    );
  });

  it('reads the subscriptions of a monitor with their subscribers and dollar threshold', async () => {
    ce.on(GetAnomalySubscriptionsCommand).resolves({
      AnomalySubscriptions: [
        {
          SubscriptionName: 'huntaze-cost-anomaly-alerts',
          MonitorArnList: [MONITOR_ARN],
          Frequency: 'IMMEDIATE',
          Subscribers: [{ Type: 'SNS', Address: TOPIC, Status: 'CONFIRMED' }],
          ThresholdExpression: {
            Dimensions: {
              Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
              MatchOptions: ['GREATER_THAN_OR_EQUAL'],
              Values: ['100'],
            },
          },
        },
        {
          SubscriptionName: 'legacy-digest',
          MonitorArnList: [MONITOR_ARN],
          Frequency: 'DAILY',
          Subscribers: [{ Type: 'EMAIL', Address: 'finops@huntaze.com' }],
          Threshold: 250,
        },
      ],
    });
    const subscriptions = await new CostAnomalyDetectionSource(
      aws,
    ).listSubscriptions(MONITOR_ARN);
    expect(
      ce.commandCalls(GetAnomalySubscriptionsCommand)[0].args[0].input,
    ).toEqual({ MonitorArn: MONITOR_ARN });
    expect(subscriptions).toEqual([
      {
        name: 'huntaze-cost-anomaly-alerts',
        frequency: 'IMMEDIATE',
        monitorArns: [MONITOR_ARN],
        subscribers: [{ type: 'SNS', address: TOPIC, status: 'CONFIRMED' }],
        thresholdUsd: 100,
      },
      {
        name: 'legacy-digest',
        frequency: 'DAILY',
        monitorArns: [MONITOR_ARN],
        subscribers: [
          { type: 'EMAIL', address: 'finops@huntaze.com', status: undefined },
        ],
        thresholdUsd: 250,
      },
    ]);
  });
});

describe('readCostAnomalyFacts', () => {
  let aws: DefaultAwsClientFactory;
  beforeEach(() => {
    ce.reset();
    aws = factory();
  });
  afterEach(() => aws.destroy());

  it('passes an account whose monitor alerts the cost topic', async () => {
    ce.on(GetAnomalyMonitorsCommand).resolves({
      AnomalyMonitors: [
        {
          MonitorArn: MONITOR_ARN,
          MonitorName: 'huntaze-aws-services',
          MonitorType: 'DIMENSIONAL',
        },
      ],
    });
    ce.on(GetAnomalySubscriptionsCommand).resolves({
      AnomalySubscriptions: [
        {
          SubscriptionName: 'huntaze-cost-anomaly-alerts',
          MonitorArnList: [MONITOR_ARN],
          Frequency: 'IMMEDIATE',
          Subscribers: [{ Type: 'SNS', Address: TOPIC }],
        },
      ],
    });
    const facts = await readCostAnomalyFacts(
      new CostAnomalyDetectionSource(aws),
      NAMES,
    );
    expect(evaluateCostAnomalyDetection(facts).status).toBe('PASS');
  });

  it('asks for no subscriptions when the named monitor does not exist', async () => {
    ce.on(GetAnomalyMonitorsCommand).resolves({ AnomalyMonitors: [] });
    const facts = await readCostAnomalyFacts(
      new CostAnomalyDetectionSource(aws),
      NAMES,
    );
    expect(evaluateCostAnomalyDetection(facts).status).toBe('FAIL');
    expect(ce.commandCalls(GetAnomalySubscriptionsCommand)).toHaveLength(0);
  });

  it('turns a denied call into ERROR with the reason', async () => {
    ce.on(GetAnomalyMonitorsCommand).rejects(
      Object.assign(
        new Error(
          'User: arn:aws:sts::123456789012:assumed-role/portal-read is not authorized to perform: ce:GetAnomalyMonitors',
        ),
        { name: 'AccessDeniedException' },
      ),
    );
    const e = evaluateCostAnomalyDetection(
      await readCostAnomalyFacts(new CostAnomalyDetectionSource(aws), NAMES),
    );
    expect(e.status).toBe('ERROR');
    expect(e.summary).toBe(
      'Cost Anomaly Detection could not be read: access denied: User: arn:aws:sts::123456789012:assumed-role/portal-read is not authorized to perform: ce:GetAnomalyMonitors',
    );
  });

  it('keeps a successful read for six hours (each request is billed), and retries a failed one', async () => {
    let nowMs = 0;
    ce.on(GetAnomalyMonitorsCommand)
      .rejectsOnce(
        Object.assign(new Error('slow down'), { name: 'ThrottlingException' }),
      )
      .resolves({ AnomalyMonitors: [] });
    const source = new CostAnomalyDetectionSource(aws, () => nowMs);
    await expect(source.listMonitors()).rejects.toThrow('slow down');
    await source.listMonitors();
    nowMs = ANOMALY_CONFIG_TTL_MS - 1;
    await source.listMonitors();
    expect(ce.commandCalls(GetAnomalyMonitorsCommand)).toHaveLength(2);
    nowMs = ANOMALY_CONFIG_TTL_MS + 1;
    await source.listMonitors();
    expect(ce.commandCalls(GetAnomalyMonitorsCommand)).toHaveLength(3);
  });
});
