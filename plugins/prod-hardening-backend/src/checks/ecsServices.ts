import type { ProdHardeningConfig } from '../config';

/**
 * The configured ECS services grouped by cluster (ECS describes services one cluster
 * at a time): what the task role and resilience checks read.
 */
export function servicesByCluster({
  resources,
}: ProdHardeningConfig): Array<{ cluster: string; services: string[] }> {
  return [...new Set(resources.ecsServices.map(s => s.cluster))].map(
    cluster => ({
      cluster,
      services: resources.ecsServices
        .filter(s => s.cluster === cluster)
        .map(s => s.service),
    }),
  );
}
