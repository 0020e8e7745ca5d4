import {
  CostExplorerClient,
  GetAnomalyMonitorsCommand,
  GetAnomalySubscriptionsCommand,
  type AnomalySubscription,
} from '@aws-sdk/client-cost-explorer';
import type { AwsClientFactory } from '../aws';
import { KeyedTimedCache } from '../cache';
import type {
  AnomalyMonitorFacts,
  AnomalySubscriptionFacts,
} from '../checks/costAnomalyDetection/evaluate';

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
 * Cost Explorer bills every API request ($0.01), Cost Anomaly Detection's included, and
 * a posture evaluation can run every minute. Monitors and subscriptions change rarely,
 * so a successful read is kept this long: at most 8 reads of each a day.
 */
export const ANOMALY_CONFIG_TTL_MS = 6 * 3_600_000;

/**
 * Cost Anomaly Detection's configuration (monitors and their subscriptions), read on
 * the Cost Explorer endpoint. Only configuration: the anomalies themselves are read by
 * the FinOps refresh (CostExplorerSource). Failed reads are not kept.
 */
export class CostAnomalyDetectionSource {
  private readonly kept: KeyedTimedCache<unknown>;

  constructor(
    private readonly aws: AwsClientFactory,
    now: () => number = Date.now,
  ) {
    this.kept = new KeyedTimedCache(ANOMALY_CONFIG_TTL_MS, now);
  }

  private keep<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.kept.get(key, read) as Promise<T>;
  }

  listMonitors(): Promise<AnomalyMonitorFacts[]> {
    return this.keep('monitors', () => this.readMonitors());
  }

  /** The subscriptions that include one monitor. */
  listSubscriptions(monitorArn: string): Promise<AnomalySubscriptionFacts[]> {
    return this.keep(`subscriptions|${monitorArn}`, () =>
      this.readSubscriptions(monitorArn),
    );
  }

  private async readMonitors(): Promise<AnomalyMonitorFacts[]> {
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

  private async readSubscriptions(
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
