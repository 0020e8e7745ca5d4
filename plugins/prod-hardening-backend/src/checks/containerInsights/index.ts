import { containerInsightsCost } from './cost';
import type { CheckBinding, PostureCheck } from '../PostureCheck';
import { ContainerInsightsFacts, evaluateContainerInsights } from './evaluate';
import { containerInsightsMeta } from './meta';
import { planContainerInsights } from './plan';

const productionClusters = async ({ sources, config }: CheckBinding) => ({
  clusters: await sources.ecs.describeClusters(config.resources.ecsClusters),
});

/** Container Insights on the production clusters; fixed per cluster with UpdateCluster. */
export const containerInsightsCheck = {
  meta: containerInsightsMeta,
  facts: productionClusters,
  evaluate: evaluateContainerInsights,
  remediation: {
    resourceId: config => `ecs/${config.resources.ecsClusters.join(',')}`,
    state: productionClusters,
    plan: planContainerInsights,
    cost: containerInsightsCost,
  },
} satisfies PostureCheck<ContainerInsightsFacts>;
