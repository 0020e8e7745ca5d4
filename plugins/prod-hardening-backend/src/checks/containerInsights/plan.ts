import type { PlanBody } from '../../domain/remediation/plans';

export interface ClustersState {
  clusters: Array<{ name: string; containerInsights?: string; found: boolean }>;
}

export function planContainerInsights(state: ClustersState): PlanBody {
  const off = state.clusters.filter(
    c =>
      c.found &&
      c.containerInsights !== 'enabled' &&
      c.containerInsights !== 'enhanced',
  );
  return {
    title: 'Turn on Container Insights for the production ECS clusters',
    calls: off.map(c => ({
      service: 'ecs',
      action: 'UpdateCluster',
      params: {
        cluster: c.name,
        settings: [{ name: 'containerInsights', value: 'enabled' }],
      },
    })),
    current: Object.fromEntries(
      state.clusters.map(c => [
        c.name,
        c.found ? c.containerInsights ?? 'unset' : 'missing',
      ]),
    ),
    expected: Object.fromEntries(
      state.clusters.filter(c => c.found).map(c => [c.name, 'enabled']),
    ),
    risk: 'None to tasks; metrics start within minutes.',
    reversible: true,
    reversal: 'UpdateCluster with containerInsights=disabled.',
    costNote:
      'CloudWatch custom metrics and performance log events per cluster (a few dollars a month per cluster at this size).',
    blockers: [],
    alreadyCompliant: off.length === 0,
  };
}
