import {
  CostExplorerClient,
  GetAnomalyMonitorsCommand,
  GetAnomalySubscriptionsCommand,
  type AnomalySubscription,
} from '@aws-sdk/client-cost-explorer';
import type { AwsClientFactory } from '../aws';
import type {
  AnomalyMonitorFacts,
  AnomalySubscriptionFacts,
} from '../domain/posture/costAnomalyDetection';

/** The dimension of a subscription threshold on an anomaly's total impact in dollars. */
const TOTAL_IMPACT = 'ANOMALY_TOTAL_IMPACT_ABSOLUTE';

/** The dollar threshold of a subscription: its threshold expression, else the legacy field. */
function thresholdUsd(s: AnomalySubscription): number | undefined {
  const expression = s.ThresholdExpression;
  const impact = [
    expression?.Dimensions,
    ...(expression?.And ?? []).map(e => e.Dimensions),
  ].find(d => d?.Key === TOTAL_IMPACT);
  const value = impact?.Values?.[0] ?? s.Threshold;
  return value === undefined ? undefined : Number(value);
}

/**
 * Cost Anomaly Detection's configuration (monitors and their subscriptions), read on
 * the Cost Explorer endpoint. Only configuration: the anomalies themselves are read by
 * the FinOps refresh (CostExplorerSource).
 */
export class CostAnomalyDetectionSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async listMonitors(): Promise<AnomalyMonitorFacts[]> {
    const client = this.aws.client(CostExplorerClient);
    const monitors: AnomalyMonitorFacts[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await client.send(
        new GetAnomalyMonitorsCommand({ NextPageToken: nextPageToken }),
      );
      for (const m of page.AnomalyMonitors ?? []) {
        monitors.push({
          arn: m.MonitorArn ?? '',
          name: m.MonitorName ?? '',
          type: m.MonitorType,
          dimension: m.MonitorDimension,
        });
      }
      nextPageToken = page.NextPageToken;
    } while (nextPageToken);
    return monitors;
  }

  /** The subscriptions that include one monitor. */
  async listSubscriptions(
    monitorArn: string,
  ): Promise<AnomalySubscriptionFacts[]> {
    const client = this.aws.client(CostExplorerClient);
    const subscriptions: AnomalySubscriptionFacts[] = [];
    let nextPageToken: string | undefined;
    do {
      const page = await client.send(
        new GetAnomalySubscriptionsCommand({
          MonitorArn: monitorArn,
          NextPageToken: nextPageToken,
        }),
      );
      for (const s of page.AnomalySubscriptions ?? []) {
        subscriptions.push({
          name: s.SubscriptionName ?? '',
          frequency: s.Frequency,
          monitorArns: s.MonitorArnList ?? [],
          subscribers: (s.Subscribers ?? []).map(x => ({
            type: x.Type,
            address: x.Address,
            status: x.Status,
          })),
          thresholdUsd: thresholdUsd(s),
        });
      }
      nextPageToken = page.NextPageToken;
    } while (nextPageToken);
    return subscriptions;
  }
}
