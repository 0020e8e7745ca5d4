import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import type { AwsClientFactory } from '../aws';
import type { ScalingPolicyFacts } from '../checks/ecsServiceResilience/evaluate';

export interface EcsServiceScaling {
  /** `service/<cluster>/<service>`, as Application Auto Scaling names it. */
  resourceId: string;
  scalableTarget?: { minCapacity: number; maxCapacity: number };
  policies: ScalingPolicyFacts[];
}

const DESIRED_COUNT = 'ecs:service:DesiredCount';
/** DescribeScalableTargets accepts at most 50 resource ids per request. */
const TARGETS_PER_REQUEST = 50;

export const ecsScalingResourceId = (cluster: string, service: string) =>
  `service/${cluster}/${service}`;

function policyFacts(p: ScalingPolicy): ScalingPolicyFacts {
  const tracking = p.TargetTrackingScalingPolicyConfiguration;
  return {
    name: p.PolicyName ?? '',
    type: p.PolicyType ?? '',
    predefinedMetric:
      tracking?.PredefinedMetricSpecification?.PredefinedMetricType,
    customMetric: tracking?.CustomizedMetricSpecification && {
      namespace: tracking.CustomizedMetricSpecification.Namespace,
      name: tracking.CustomizedMetricSpecification.MetricName,
    },
    targetValue: tracking?.TargetValue,
  };
}

/** Application Auto Scaling: the scalable targets and policies of ECS services. */
export class ApplicationAutoScalingSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeEcsServiceScaling(
    services: Array<{ cluster: string; service: string }>,
  ): Promise<EcsServiceScaling[]> {
    const client = this.aws.client(ApplicationAutoScalingClient);
    const ids = services.map(s => ecsScalingResourceId(s.cluster, s.service));
    const targets = new Map<
      string,
      { minCapacity: number; maxCapacity: number }
    >();
    for (let i = 0; i < ids.length; i += TARGETS_PER_REQUEST) {
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeScalableTargetsCommand({
            ServiceNamespace: 'ecs',
            ScalableDimension: DESIRED_COUNT,
            ResourceIds: ids.slice(i, i + TARGETS_PER_REQUEST),
            NextToken: nextToken,
          }),
        );
        for (const t of page.ScalableTargets ?? []) {
          if (!t.ResourceId) continue;
          targets.set(t.ResourceId, {
            minCapacity: t.MinCapacity ?? 0,
            maxCapacity: t.MaxCapacity ?? 0,
          });
        }
        nextToken = page.NextToken;
      } while (nextToken);
    }
    return Promise.all(
      ids.map(async resourceId => {
        const scalableTarget = targets.get(resourceId);
        // Policies live on a target: without one there is nothing to list.
        if (!scalableTarget) return { resourceId, policies: [] };
        return {
          resourceId,
          scalableTarget,
          policies: await this.policiesOf(client, resourceId),
        };
      }),
    );
  }

  private async policiesOf(
    client: ApplicationAutoScalingClient,
    resourceId: string,
  ): Promise<ScalingPolicyFacts[]> {
    const policies: ScalingPolicyFacts[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'ecs',
          ScalableDimension: DESIRED_COUNT,
          ResourceId: resourceId,
          NextToken: nextToken,
        }),
      );
      policies.push(...(page.ScalingPolicies ?? []).map(policyFacts));
      nextToken = page.NextToken;
    } while (nextToken);
    return policies;
  }
}
