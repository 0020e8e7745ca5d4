import type { EcsServiceResilienceFacts } from './evaluate';
import {
  ApplicationAutoScalingSource,
  ecsScalingResourceId,
} from '../../sources/applicationAutoScaling';
import type { EcsSource } from '../../sources/ecs';

/** Each service's circuit breaker (ECS) beside its scalable target and policies. */
export async function readEcsServiceResilienceFacts(
  sources: {
    ecs: EcsSource;
    applicationAutoScaling: ApplicationAutoScalingSource;
  },
  servicesByCluster: Array<{ cluster: string; services: string[] }>,
): Promise<EcsServiceResilienceFacts> {
  const [deployments, scaling] = await Promise.all([
    Promise.all(
      servicesByCluster.map(c =>
        sources.ecs.describeServiceDeployments(c.cluster, c.services),
      ),
    ),
    sources.applicationAutoScaling.describeEcsServiceScaling(
      servicesByCluster.flatMap(c =>
        c.services.map(service => ({ cluster: c.cluster, service })),
      ),
    ),
  ]);
  const scalingById = new Map(scaling.map(s => [s.resourceId, s]));
  return {
    services: deployments.flat().map(d => {
      const scale = scalingById.get(ecsScalingResourceId(d.cluster, d.service));
      return {
        ...d,
        scalableTarget: scale?.scalableTarget,
        policies: scale?.policies ?? [],
      };
    }),
  };
}
