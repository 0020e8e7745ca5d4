import type { ProdHardeningConfig } from '../../config';
import {
  SuccessMetricsService,
  SuccessMetricsServiceOptions,
} from './SuccessMetricsService';

/** The success metrics panel, read from what the other features already serve. */
export function createSuccessMetricsFeature(
  options: Pick<
    SuccessMetricsServiceOptions,
    'posture' | 'finops' | 'optimisation' | 'throttling'
  > & { config: ProdHardeningConfig },
): { successMetrics: SuccessMetricsService } {
  const { config, ...features } = options;
  return {
    successMetrics: new SuccessMetricsService({
      ...features,
      monthlyBudgetUsd: config.resources.monthlyBudgetUsd,
      ecsClusters: config.resources.ecsClusters,
    }),
  };
}
