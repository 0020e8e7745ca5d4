import type { PostureCheck } from '../PostureCheck';
import { CostAnomalyFacts, evaluateCostAnomalyDetection } from './evaluate';
import { readCostAnomalyFacts } from './facts';
import { costAnomalyDetectionMeta } from './meta';

/** The configured monitor and whether its subscriptions reach the cost topic. */
export const costAnomalyDetectionCheck = {
  meta: costAnomalyDetectionMeta,
  facts: ({ sources, config: { aws, resources } }) =>
    readCostAnomalyFacts(
      sources.costAnomalyDetection,
      {
        monitorName: resources.costAnomalyMonitorName,
        costTopicArn: sources.sns.topicArn(resources.topics.costAlerts),
      },
      aws.endpoint,
    ),
  evaluate: evaluateCostAnomalyDetection,
} satisfies PostureCheck<CostAnomalyFacts>;
