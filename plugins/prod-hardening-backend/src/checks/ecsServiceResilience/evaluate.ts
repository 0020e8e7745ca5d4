import type {
  CheckStatus,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { worstStatus } from '../../domain/posture/evaluation';

/** One Application Auto Scaling policy of a service, as read. */
export interface ScalingPolicyFacts {
  name: string;
  /** TargetTrackingScaling, StepScaling, ... */
  type: string;
  /** ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ... */
  predefinedMetric?: string;
  /** A customized metric's namespace and name (e.g. AWS/ECS CPUUtilization). */
  customMetric?: { namespace?: string; name?: string };
  targetValue?: number;
}

export interface EcsServiceResilienceFacts {
  services: Array<{
    cluster: string;
    service: string;
    found: boolean;
    serviceArn?: string;
    /** ECS, CODE_DEPLOY or EXTERNAL; AWS reports ECS when it was never set. */
    deploymentController?: string;
    circuitBreaker?: { enable: boolean; rollback: boolean };
    /** The service's scalable target (ecs:service:DesiredCount), if registered. */
    scalableTarget?: { minCapacity: number; maxCapacity: number };
    policies: ScalingPolicyFacts[];
  }>;
}

export type ScalingMetric = 'CPU' | 'memory';

/**
 * The metric a target-tracking policy follows: the predefined ECS service averages, or
 * the same AWS/ECS metrics given as a customized metric. Anything else is not one of
 * the two the plan asks for.
 */
export function trackedMetric(
  p: ScalingPolicyFacts,
): ScalingMetric | undefined {
  if (p.type !== 'TargetTrackingScaling') return undefined;
  if (p.predefinedMetric === 'ECSServiceAverageCPUUtilization') return 'CPU';
  if (p.predefinedMetric === 'ECSServiceAverageMemoryUtilization')
    return 'memory';
  if (p.customMetric?.namespace !== 'AWS/ECS') return undefined;
  if (p.customMetric.name === 'CPUUtilization') return 'CPU';
  if (p.customMetric.name === 'MemoryUtilization') return 'memory';
  return undefined;
}

interface Finding {
  status: CheckStatus;
  text: string;
}

type ServiceFacts = EcsServiceResilienceFacts['services'][number];

function circuitBreakerPart(s: ServiceFacts): Finding {
  const controller = s.deploymentController ?? 'ECS';
  if (controller !== 'ECS') {
    // The circuit breaker only acts on rolling updates; CodeDeploy and external
    // controllers roll back (or not) by their own rules.
    return {
      status: 'WARN',
      text: `deployment controller ${controller}: the circuit breaker does not apply, its own rollback must cover failed deployments`,
    };
  }
  const cb = s.circuitBreaker;
  if (!cb?.enable) {
    return {
      status: 'FAIL',
      text: 'no deployment circuit breaker: a deployment whose tasks never start keeps replacing them',
    };
  }
  if (!cb.rollback) {
    return {
      status: 'WARN',
      text: 'circuit breaker without rollback: a failed deployment stops but stays failed',
    };
  }
  return { status: 'PASS', text: 'circuit breaker with rollback' };
}

function scalingPart(s: ServiceFacts): Finding {
  const target = s.scalableTarget;
  if (!target) {
    return {
      status: 'FAIL',
      text: 'no auto scaling: the task count is fixed',
    };
  }
  const tracked = new Map<ScalingMetric, ScalingPolicyFacts>();
  for (const p of s.policies) {
    const metric = trackedMetric(p);
    if (metric && !tracked.has(metric)) tracked.set(metric, p);
  }
  const describe = (m: ScalingMetric) => {
    const value = tracked.get(m)?.targetValue;
    return value === undefined ? m : `${m} at ${value}%`;
  };
  const following = (['CPU', 'memory'] as const).filter(m => tracked.has(m));
  const range = `${target.minCapacity}–${target.maxCapacity} tasks`;
  const text = `auto scaling ${range}, target tracking ${
    following.length ? following.map(describe).join(', ') : 'none'
  }`;
  const missing = (['CPU', 'memory'] as const).filter(m => !tracked.has(m));
  if (missing.length) {
    return {
      status: 'FAIL',
      text: `${text}: no target tracking on ${missing.join(' or ')}`,
    };
  }
  if (target.maxCapacity <= target.minCapacity) {
    return {
      status: 'WARN',
      text: `${text}: the maximum does not exceed the minimum, so it cannot scale out`,
    };
  }
  return { status: 'PASS', text };
}

/**
 * The seed's Day 9: every production service rolls a failed deployment back on its own
 * (deployment circuit breaker with rollback) and scales on CPU and memory (target
 * tracking on a scalable target whose maximum is above its minimum).
 */
export function evaluateEcsServiceResilience(
  f: EcsServiceResilienceFacts,
): Evaluation {
  const resources: ResourceEvidence[] = f.services.map(s => {
    const resourceId = s.serviceArn ?? `${s.cluster}/${s.service}`;
    const resourceType = 'AwsEcsService';
    if (!s.found) {
      return {
        resourceId,
        resourceType,
        status: 'WARN',
        evidence: `service ${s.service} not found in ${s.cluster}`,
      };
    }
    const parts = [circuitBreakerPart(s), scalingPart(s)];
    return {
      resourceId,
      resourceType,
      status: worstStatus(parts.map(p => p.status)),
      evidence: `service ${s.cluster}/${s.service}: ${parts
        .map(p => p.text)
        .join('; ')}`,
    };
  });
  const notReady = resources.filter(
    r => r.status === 'FAIL' || r.status === 'WARN',
  ).length;
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: notReady
      ? `${notReady} of ${f.services.length} services lack a rollback on failed deployments or auto scaling on CPU and memory.`
      : `Every service rolls back failed deployments and scales on CPU and memory.`,
    resources,
  };
}
