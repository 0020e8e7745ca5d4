import { expandBlocks } from '../blocks';
import {
  Block,
  resources,
  TfModule,
  variableDefault,
  variables,
} from '../module';
import { violation, Violation } from '../violations';
import { block, isTrue, missing, value } from './common';

/** Target-tracking metrics every scaled service needs (seed, Day 9: CPU and memory). */
const SCALING_METRICS = [
  {
    metric: 'ECSServiceAverageCPUUtilization',
    target: 'ecs_autoscaling_cpu_target_percent',
    alarm: 'ecs_cpu_alarm_threshold_percent',
  },
  {
    metric: 'ECSServiceAverageMemoryUtilization',
    target: 'ecs_autoscaling_memory_target_percent',
    alarm: 'ecs_memory_alarm_threshold_percent',
  },
];

/** Attributes auto scaling changes behind Terraform's back; ignoring them stops the two fighting. */
const OWNED_BY_AUTO_SCALING = ['desired_count'];

/**
 * ECS services: a deployment circuit breaker that rolls back, on the rolling-update
 * controller; desired_count left to auto scaling.
 */
function checkServiceDeployment(mod: TfModule, service: Block): Violation[] {
  const found: Violation[] = [];
  const breaker = block(service.body, 'deployment_circuit_breaker');
  if (!breaker)
    found.push(violation(service, 'has no deployment_circuit_breaker'));
  else {
    if (!isTrue(mod, breaker.enable))
      found.push(
        violation(service, 'deployment circuit breaker is not enabled'),
      );
    if (!isTrue(mod, breaker.rollback))
      found.push(
        violation(service, 'deployment circuit breaker does not roll back'),
      );
  }
  const controller = block(service.body, 'deployment_controller');
  if (controller && value(mod, controller.type) !== 'ECS')
    found.push(
      violation(
        service,
        'uses a deployment controller other than ECS (the circuit breaker needs rolling updates)',
      ),
    );
  const ignored = expandBlocks(mod, service.body, 'lifecycle').flatMap(l =>
    Array.isArray(l.ignore_changes) ? l.ignore_changes.map(String) : [],
  );
  for (const attribute of OWNED_BY_AUTO_SCALING) {
    if (!ignored.some(i => i.includes(attribute)))
      found.push(
        violation(
          service,
          `does not ignore_changes ${attribute}: every apply would undo auto scaling`,
        ),
      );
  }
  return found;
}

/** min/max task counts come from ecs_services, validated (>= 1, max >= min). */
function checkCapacityBounds(mod: TfModule, target: Block): Violation[] {
  const found: Violation[] = [];
  const fromVariable = (v: unknown) => /each\.value\.[a-z_]+/.test(String(v));
  if (
    !fromVariable(target.body.min_capacity) ||
    !fromVariable(target.body.max_capacity)
  )
    found.push(
      violation(
        target,
        'min_capacity / max_capacity do not come from var.ecs_services',
      ),
    );
  const services = variables(mod).find(v => v.name === 'ecs_services');
  const conditions = services
    ? expandBlocks(mod, services.body, 'validation')
        .map(v => String(v.condition))
        .join('\n')
    : '';
  if (
    !/min_task_count\s*>=\s*1/.test(conditions) ||
    !/max_task_count\s*>=\s*\S*min_task_count/.test(conditions)
  ) {
    found.push({
      file: services?.file ?? 'variables.tf',
      message:
        'variable "ecs_services" does not validate min_task_count >= 1 and max_task_count >= min_task_count',
    });
  }
  return found;
}

/** A target-tracking policy on CPU and one on memory per target, each below its alarm. */
function checkScalingPolicies(mod: TfModule, targets: Block[]): Violation[] {
  const found: Violation[] = [];
  const policies = resources(mod, 'aws_appautoscaling_policy');
  for (const m of SCALING_METRICS) {
    const policy = policies.find(p =>
      expandBlocks(
        mod,
        p.body,
        'target_tracking_scaling_policy_configuration',
      ).some(c =>
        expandBlocks(mod, c, 'predefined_metric_specification').some(
          s => s.predefined_metric_type === m.metric,
        ),
      ),
    );
    if (!policy) {
      found.push(
        missing(
          'aws_appautoscaling_policy',
          `no target-tracking policy on ${m.metric}`,
        ),
      );
      continue;
    }
    if (value(mod, policy.body.policy_type) !== 'TargetTrackingScaling')
      found.push(violation(policy, 'is not a TargetTrackingScaling policy'));
    const scales = targets.some(t =>
      String(policy.body.for_each ?? policy.body.resource_id).includes(
        `aws_appautoscaling_target.${t.name}`,
      ),
    );
    if (!scales)
      found.push(
        violation(policy, "is not attached to the services' scalable targets"),
      );
    const config = expandBlocks(
      mod,
      policy.body,
      'target_tracking_scaling_policy_configuration',
    )[0];
    const target = Number(variableDefault(mod, m.target));
    const alarm = Number(variableDefault(mod, m.alarm));
    if (config?.target_value !== `\${var.${m.target}}`)
      found.push(violation(policy, `target_value is not var.${m.target}`));
    else if (!(target < alarm))
      found.push({
        file: 'variables.tf',
        message: `variable "${m.target}" defaults to ${target}, not below ${m.alarm} (${alarm}): the alarm fires before the service scales out`,
      });
  }
  return found;
}

/** Seed, Day 9: circuit breaker with rollback on the services; auto scaling on CPU and memory. */
export function checkEcsServices(mod: TfModule): Violation[] {
  const services = resources(mod, 'aws_ecs_service');
  if (services.length === 0)
    return [
      missing(
        'aws_ecs_service',
        'no aws_ecs_service with a deployment circuit breaker',
      ),
    ];
  const found = services.flatMap(s => checkServiceDeployment(mod, s));
  const targets = resources(mod, 'aws_appautoscaling_target').filter(
    t =>
      value(mod, t.body.service_namespace) === 'ecs' &&
      value(mod, t.body.scalable_dimension) === 'ecs:service:DesiredCount',
  );
  for (const s of services) {
    if (
      !targets.some(
        t =>
          new RegExp(`aws_ecs_service\\.${s.name}[.[]`).test(
            String(t.body.resource_id),
          ) && t.body.for_each === s.body.for_each,
      )
    )
      found.push(
        violation(
          s,
          'has no aws_appautoscaling_target (ecs:service:DesiredCount) for each service',
        ),
      );
  }
  for (const t of targets) found.push(...checkCapacityBounds(mod, t));
  found.push(...checkScalingPolicies(mod, targets));
  return found;
}
