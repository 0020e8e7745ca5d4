import {
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  MetricType,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeServicesCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { emptyReport, SeedContext, SeedStep, StepReport } from '../context';

export type ScalingMetric = 'cpu' | 'memory';

export interface StoryResilience {
  circuitBreaker: boolean;
  /** The metrics the service's target tracking follows; none: no scalable target. */
  scaling: ScalingMetric[];
}

/** Task range and targets of infra/terraform/production-hardening (variables.tf defaults). */
export const STORY_TASK_RANGE = { min: 1, max: 4 };
export const STORY_TARGET_PERCENT: Record<ScalingMetric, number> = {
  cpu: 60,
  memory: 70,
};
const PREDEFINED_METRIC: Record<ScalingMetric, MetricType> = {
  cpu: 'ECSServiceAverageCPUUtilization',
  memory: 'ECSServiceAverageMemoryUtilization',
};
const DESIRED_COUNT = 'ecs:service:DesiredCount';

/**
 * Day 9 half done: the web service has the circuit breaker and scales on CPU and
 * memory; the workers have the circuit breaker but scale on CPU only; the AI service
 * has neither.
 */
export function storyResilience(index: number): StoryResilience {
  return [
    { circuitBreaker: true, scaling: ['cpu', 'memory'] },
    { circuitBreaker: true, scaling: ['cpu'] },
    { circuitBreaker: false, scaling: [] },
  ][Math.min(index, 2)] as StoryResilience;
}

/** The scaling policy name the Terraform module gives (ecs_services.tf). */
export const scalingPolicyName = (
  cluster: string,
  service: string,
  metric: ScalingMetric,
) => `${cluster}-${service}-${metric}-target`;

async function ensureCircuitBreaker(
  ctx: SeedContext,
  cluster: string,
  service: string,
  wanted: boolean,
  report: StepReport,
) {
  const { services = [] } = await ctx.clients.ecs.send(
    new DescribeServicesCommand({ cluster, services: [service] }),
  );
  const breaker =
    services[0]?.deploymentConfiguration?.deploymentCircuitBreaker;
  const label = `circuit breaker of ${cluster}/${service}`;
  const current = breaker?.enable === true && breaker.rollback === true;
  if (current === wanted) {
    if (wanted) report.existing.push(label);
    return;
  }
  await ctx.clients.ecs.send(
    new UpdateServiceCommand({
      cluster,
      service,
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: wanted, rollback: wanted },
        minimumHealthyPercent: 100,
        maximumPercent: 200,
      },
    }),
  );
  (wanted ? report.created : report.removed).push(label);
}

async function ensureScaling(
  ctx: SeedContext,
  cluster: string,
  service: string,
  wanted: ScalingMetric[],
  report: StepReport,
) {
  const aas = ctx.clients.applicationAutoScaling;
  const resourceId = `service/${cluster}/${service}`;
  const target = {
    ServiceNamespace: 'ecs',
    ResourceId: resourceId,
    ScalableDimension: DESIRED_COUNT,
  } as const;
  const { ScalableTargets = [] } = await aas.send(
    new DescribeScalableTargetsCommand({
      ServiceNamespace: 'ecs',
      ResourceIds: [resourceId],
      ScalableDimension: DESIRED_COUNT,
    }),
  );
  const { ScalingPolicies = [] } = await aas.send(
    new DescribeScalingPoliciesCommand(target),
  );
  const wantedNames = new Map(
    wanted.map(m => [scalingPolicyName(cluster, service, m), m]),
  );
  // Policies outside the story (added by a remediation or by hand) go first; on AWS a
  // target's policies go with it anyway.
  for (const p of ScalingPolicies) {
    if (p.PolicyName && !wantedNames.has(p.PolicyName)) {
      await aas.send(
        new DeleteScalingPolicyCommand({ ...target, PolicyName: p.PolicyName }),
      );
      report.removed.push(`scaling policy ${p.PolicyName}`);
    }
  }
  const hasTarget = ScalableTargets.length > 0;
  if (wanted.length === 0) {
    if (hasTarget) {
      await aas.send(new DeregisterScalableTargetCommand(target));
      report.removed.push(`scalable target ${resourceId}`);
    }
    return;
  }
  await aas.send(
    new RegisterScalableTargetCommand({
      ...target,
      MinCapacity: STORY_TASK_RANGE.min,
      MaxCapacity: STORY_TASK_RANGE.max,
    }),
  );
  (hasTarget ? report.existing : report.created).push(
    `scalable target ${resourceId}`,
  );
  for (const [name, metric] of wantedNames) {
    const tracking = ScalingPolicies.find(
      p => p.PolicyName === name,
    )?.TargetTrackingScalingPolicyConfiguration;
    if (
      tracking?.TargetValue === STORY_TARGET_PERCENT[metric] &&
      tracking.PredefinedMetricSpecification?.PredefinedMetricType ===
        PREDEFINED_METRIC[metric]
    ) {
      // Putting it again would change nothing but replace its CloudWatch alarms.
      report.existing.push(`scaling policy ${name}`);
      continue;
    }
    await aas.send(
      new PutScalingPolicyCommand({
        ...target,
        PolicyName: name,
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: STORY_TARGET_PERCENT[metric],
          PredefinedMetricSpecification: {
            PredefinedMetricType: PREDEFINED_METRIC[metric],
          },
        },
      }),
    );
    report.created.push(`scaling policy ${name}`);
  }
}

/** Circuit breakers and Service Auto Scaling of the services (after ecs-services). */
export const ecsResilienceStep: SeedStep = {
  name: 'ecs-resilience',
  async run(ctx) {
    const report = emptyReport('ecs-resilience');
    for (const [
      index,
      { cluster, service },
    ] of ctx.resources.ecsServices.entries()) {
      const story = storyResilience(index);
      await ensureCircuitBreaker(
        ctx,
        cluster,
        service,
        story.circuitBreaker,
        report,
      );
      await ensureScaling(ctx, cluster, service, story.scaling, report);
    }
    return report;
  },
};
