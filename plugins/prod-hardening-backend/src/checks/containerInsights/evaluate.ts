import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

export interface ContainerInsightsFacts {
  clusters: Array<{
    name: string;
    arn: string;
    containerInsights?: string;
    found: boolean;
  }>;
}

export function evaluateContainerInsights(
  f: ContainerInsightsFacts,
): Evaluation {
  const resources: ResourceEvidence[] = f.clusters.map(c => ({
    resourceId: c.arn,
    resourceType: 'AwsEcsCluster',
    status: !c.found
      ? 'WARN'
      : c.containerInsights === 'enabled' || c.containerInsights === 'enhanced'
      ? 'PASS'
      : 'FAIL',
    evidence: c.found
      ? `containerInsights=${c.containerInsights ?? 'unset'}`
      : 'cluster not found',
  }));
  const on = countBy(resources, 'PASS');
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `Container Insights is on for ${on} of ${f.clusters.length} clusters.`,
    resources,
  };
}
