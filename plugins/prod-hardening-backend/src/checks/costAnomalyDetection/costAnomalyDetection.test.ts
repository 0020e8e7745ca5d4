import {
  AnomalySubscriptionFacts,
  evaluateCostAnomalyDetection,
} from './evaluate';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:huntaze-cost-alerts';
const MONITOR_ARN =
  'arn:aws:ce::123456789012:anomalymonitor/0d4a6c4e-7f7c-4b1e-9d36-0b2a4c1c1d2e';
const monitor = {
  arn: MONITOR_ARN,
  name: 'huntaze-aws-services',
  type: 'DIMENSIONAL',
  dimension: 'SERVICE',
};
const subscription = (
  over: Partial<AnomalySubscriptionFacts> = {},
): AnomalySubscriptionFacts => ({
  name: 'huntaze-cost-anomaly-alerts',
  frequency: 'IMMEDIATE',
  monitorArns: [MONITOR_ARN],
  subscribers: [{ type: 'SNS', address: TOPIC, status: 'CONFIRMED' }],
  thresholdUsd: 100,
  ...over,
});

const evaluate = (
  subscriptions: AnomalySubscriptionFacts[],
  monitors = [monitor],
) =>
  evaluateCostAnomalyDetection({
    monitorName: 'huntaze-aws-services',
    costTopicArn: TOPIC,
    monitors,
    subscriptions,
  });

describe('evaluateCostAnomalyDetection', () => {
  it('passes the named monitor with a subscription to the cost topic', () => {
    const e = evaluate([subscription()]);
    expect(e.status).toBe('PASS');
    expect(e.resources).toEqual([
      {
        resourceId: MONITOR_ARN,
        resourceType: 'AwsCostAnomalyMonitor',
        status: 'PASS',
        evidence: `monitor huntaze-aws-services (DIMENSIONAL, SERVICE): subscription huntaze-cost-anomaly-alerts (IMMEDIATE, from $100 impact) → SNS ${TOPIC}`,
      },
    ]);
  });

  it('fails when no monitor has the configured name and lists the ones there are', () => {
    const e = evaluate(
      [],
      [{ ...monitor, name: 'Default-Services-Monitor', arn: 'arn:x' }],
    );
    expect(e.status).toBe('FAIL');
    expect(e.resources[0]).toMatchObject({
      resourceId: 'huntaze-aws-services',
      evidence:
        'no anomaly monitor named huntaze-aws-services (the account has: Default-Services-Monitor)',
    });
  });

  it('fails a monitor without any subscription', () => {
    const e = evaluate([subscription({ monitorArns: ['arn:other'] })]);
    expect(e.status).toBe('FAIL');
    expect(e.summary).toBe(
      'The anomaly monitor huntaze-aws-services has no subscription: anomalies are found but nobody is told.',
    );
  });

  it('warns when the subscriptions reach someone but not the cost topic', () => {
    const e = evaluate([
      subscription({
        frequency: 'DAILY',
        thresholdUsd: undefined,
        subscribers: [{ type: 'EMAIL', address: 'finops@huntaze.com' }],
      }),
    ]);
    expect(e.status).toBe('WARN');
    expect(e.resources[0].evidence).toBe(
      `monitor huntaze-aws-services (DIMENSIONAL, SERVICE): subscription huntaze-cost-anomaly-alerts (DAILY) → EMAIL finops@huntaze.com; none to ${TOPIC}`,
    );
  });

  it('does not count a subscriber the topic declined', () => {
    const e = evaluate([
      subscription({
        subscribers: [{ type: 'SNS', address: TOPIC, status: 'DECLINED' }],
      }),
    ]);
    expect(e.status).toBe('WARN');
  });

  it('reports ERROR with the reason when Cost Anomaly Detection cannot be read', () => {
    const e = evaluateCostAnomalyDetection({
      monitorName: 'huntaze-aws-services',
      costTopicArn: TOPIC,
      readError:
        'access denied: not authorized to perform ce:GetAnomalyMonitors',
    });
    expect(e).toEqual({
      status: 'ERROR',
      summary:
        'Cost Anomaly Detection could not be read: access denied: not authorized to perform ce:GetAnomalyMonitors',
      resources: [
        {
          resourceId: 'huntaze-aws-services',
          resourceType: 'AwsCostAnomalyMonitor',
          status: 'ERROR',
          evidence:
            'monitor huntaze-aws-services not verified: access denied: not authorized to perform ce:GetAnomalyMonitors',
        },
      ],
    });
  });
});
