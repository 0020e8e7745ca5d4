import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';

export interface AnomalyMonitorFacts {
  arn: string;
  name: string;
  /** DIMENSIONAL or CUSTOM. */
  type?: string;
  /** SERVICE for a dimensional monitor. */
  dimension?: string;
}

export interface AnomalySubscriptionFacts {
  name: string;
  /** IMMEDIATE, DAILY or WEEKLY. */
  frequency?: string;
  monitorArns: string[];
  subscribers: Array<{ type?: string; address?: string; status?: string }>;
  /** Alert when an anomaly's total impact reaches this many dollars. */
  thresholdUsd?: number;
}

export type CostAnomalyFacts =
  | {
      monitorName: string;
      costTopicArn: string;
      monitors: AnomalyMonitorFacts[];
      /** Subscriptions of the named monitor (empty when there is no such monitor). */
      subscriptions: AnomalySubscriptionFacts[];
    }
  | {
      monitorName: string;
      costTopicArn: string;
      /** Why Cost Anomaly Detection could not be read (access denied, API missing). */
      readError: string;
    };

const RESOURCE_TYPE = 'AwsCostAnomalyMonitor';

function describeMonitor(m: AnomalyMonitorFacts): string {
  const kind = [m.type, m.dimension].filter(Boolean).join(', ');
  return `monitor ${m.name}${kind ? ` (${kind})` : ''}`;
}

function describeSubscription(s: AnomalySubscriptionFacts): string {
  const to = s.subscribers
    .map(x => `${x.type ?? '?'} ${x.address ?? '?'}`)
    .join(', ');
  const threshold =
    s.thresholdUsd === undefined ? '' : `, from $${s.thresholdUsd} impact`;
  return `subscription ${s.name} (${
    s.frequency ?? 'unknown frequency'
  }${threshold}) → ${to || 'no subscribers'}`;
}

/**
 * The seed's FinOps layer: a Cost Anomaly Detection monitor with the configured name,
 * and a subscription that sends its anomalies to the cost-alerts topic, beside the
 * budget alerts. A monitor nobody subscribes to finds anomalies that no one hears of.
 */
export function evaluateCostAnomalyDetection(f: CostAnomalyFacts): Evaluation {
  if ('readError' in f) {
    return {
      status: 'ERROR',
      summary: `Cost Anomaly Detection could not be read: ${f.readError}`,
      resources: [
        {
          resourceId: f.monitorName,
          resourceType: RESOURCE_TYPE,
          status: 'ERROR',
          evidence: `monitor ${f.monitorName} not verified: ${f.readError}`,
        },
      ],
    };
  }
  const monitor = f.monitors.find(m => m.name === f.monitorName);
  if (!monitor) {
    const others = f.monitors.map(m => m.name);
    const evidence = `no anomaly monitor named ${f.monitorName}${
      others.length ? ` (the account has: ${others.join(', ')})` : ''
    }`;
    return {
      status: 'FAIL',
      summary: `There is no Cost Anomaly Detection monitor named ${f.monitorName}: cost spikes are only seen on the bill.`,
      resources: [
        {
          resourceId: f.monitorName,
          resourceType: RESOURCE_TYPE,
          status: 'FAIL',
          evidence,
        },
      ],
    };
  }
  const subscriptions = f.subscriptions.filter(s =>
    s.monitorArns.includes(monitor.arn),
  );
  const toTopic = subscriptions.find(s =>
    s.subscribers.some(
      x =>
        x.type === 'SNS' &&
        x.address === f.costTopicArn &&
        x.status !== 'DECLINED',
    ),
  );
  const resource = (
    status: ResourceEvidence['status'],
    detail: string,
  ): ResourceEvidence => ({
    resourceId: monitor.arn,
    resourceType: RESOURCE_TYPE,
    status,
    evidence: `${describeMonitor(monitor)}: ${detail}`,
  });
  if (subscriptions.length === 0) {
    return {
      status: 'FAIL',
      summary: `The anomaly monitor ${monitor.name} has no subscription: anomalies are found but nobody is told.`,
      resources: [resource('FAIL', 'no subscription')],
    };
  }
  if (!toTopic) {
    return {
      status: 'WARN',
      summary: `Anomalies of ${monitor.name} are not sent to the cost-alerts topic, so they bypass the cost alert pipeline.`,
      resources: [
        resource(
          'WARN',
          `${subscriptions.map(describeSubscription).join('; ')}; none to ${
            f.costTopicArn
          }`,
        ),
      ],
    };
  }
  return {
    status: 'PASS',
    summary: `The anomaly monitor ${monitor.name} alerts the cost-alerts topic.`,
    resources: [resource('PASS', describeSubscription(toTopic))],
  };
}
