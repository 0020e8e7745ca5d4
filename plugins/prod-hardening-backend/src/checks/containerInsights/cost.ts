import {
  estimated,
  formatCount,
  GB,
  noCharge,
  quote,
} from '../../domain/fixCost/fixCost';
import { firstPaidRate, tieredCost } from '../../domain/fixCost/prices';
import type { FixCostModel } from '../PostureCheck';
import type { ClustersState } from './plan';

/** Custom metrics Container Insights publishes per cluster (CPU, memory, network, storage, counts). */
export const METRICS_PER_CLUSTER = 10;
/** And per service: the same dimensions at the service level. */
export const METRICS_PER_SERVICE = 10;
/** Performance log events (embedded metric format) a running task produces a month. */
export const PERFORMANCE_LOG_BYTES_PER_TASK_MONTH = 30 * 1024 ** 2;

/** Services and running tasks of the clusters the plan turns Container Insights on for. */
export interface ClusterUsage {
  clusters: Array<{ name: string; services: number; runningTasks: number }>;
}

type InsightsPrices = 'metrics' | 'logs';

function turnedOn(state: ClustersState) {
  return state.clusters.filter(
    c =>
      c.found &&
      c.containerInsights !== 'enabled' &&
      c.containerInsights !== 'enhanced',
  );
}

export function estimateContainerInsightsCost({
  state,
  usage,
  prices,
}: Parameters<
  FixCostModel<ClustersState, ClusterUsage, InsightsPrices>['estimate']
>[0]) {
  const names = new Set(turnedOn(state).map(c => c.name));
  if (names.size === 0) return noCharge('no cluster changes.');
  const clusters = usage.clusters.filter(c => names.has(c.name));
  const services = clusters.reduce((n, c) => n + c.services, 0);
  const tasks = clusters.reduce((n, c) => n + c.runningTasks, 0);
  const metrics =
    names.size * METRICS_PER_CLUSTER + services * METRICS_PER_SERVICE;
  const logGb = (tasks * PERFORMANCE_LOG_BYTES_PER_TASK_MONTH) / GB;
  return estimated(
    tieredCost(metrics, prices.metrics.tiers) +
      tieredCost(logGb, prices.logs.tiers),
    [
      `${names.size} clusters with ${services} services and ${tasks} running tasks (DescribeClusters).`,
      `Assumes ${METRICS_PER_CLUSTER} custom metrics per cluster and ${METRICS_PER_SERVICE} per service: ${formatCount(
        metrics,
      )} metrics at ${quote(
        prices.metrics,
        firstPaidRate(prices.metrics),
      )}, as if the account had no other custom metrics (the free tier and volume tiers are account-wide).`,
      `Assumes ${
        PERFORMANCE_LOG_BYTES_PER_TASK_MONTH / 1024 ** 2
      } MB of performance log events per running task a month: ${logGb.toFixed(
        2,
      )} GB ingested at ${quote(prices.logs, firstPaidRate(prices.logs))}.`,
    ],
  );
}

/** Container Insights bills as CloudWatch custom metrics and log ingestion. */
export const containerInsightsCost: FixCostModel<
  ClustersState,
  ClusterUsage,
  InsightsPrices
> = {
  prices: {
    metrics: {
      serviceCode: 'AmazonCloudWatch',
      filters: { productFamily: 'Metric' },
      usagetype: 'CW:MetricMonitorUsage',
    },
    logs: {
      serviceCode: 'AmazonCloudWatch',
      filters: { productFamily: 'Data Payload' },
      usagetype: 'DataProcessing-Bytes',
    },
  },
  usage: async ({ sources }, state) => ({
    clusters: await sources.ecs.clusterUsage(turnedOn(state).map(c => c.name)),
  }),
  estimate: estimateContainerInsightsCost,
};
