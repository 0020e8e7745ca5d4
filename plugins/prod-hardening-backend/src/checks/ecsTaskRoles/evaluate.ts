import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from '../../domain/posture/evaluation';
import { countBy, worstStatus } from '../../domain/posture/evaluation';

export interface TaskRoleFacts {
  services: Array<{
    cluster: string;
    service: string;
    found: boolean;
    taskDefinitionArn?: string;
    taskRoleArn?: string;
    executionRoleArn?: string;
  }>;
}

/** Task definitions may name a role by ARN or by name: compare the names. */
const roleName = (arnOrName: string) => arnOrName.split('/').pop() ?? arnOrName;

/**
 * The seed's IAM split: the execution role pulls images and reads the secrets the
 * containers get; the task role is what the application itself may do. One role for
 * both hands the application every secret and registry the agent can reach.
 */
export function evaluateEcsTaskRoles(f: TaskRoleFacts): Evaluation {
  const resources: ResourceEvidence[] = f.services.map(s => {
    const resourceId = s.taskDefinitionArn ?? `${s.cluster}/${s.service}`;
    const resourceType = 'AwsEcsTaskDefinition';
    if (!s.found) {
      return {
        resourceId,
        resourceType,
        status: 'WARN',
        evidence: `service ${s.service} not found in ${s.cluster}`,
      };
    }
    const evidence = `service ${s.cluster}/${s.service}: taskRoleArn=${
      s.taskRoleArn ?? 'none'
    }, executionRoleArn=${s.executionRoleArn ?? 'none'}`;
    if (!s.taskRoleArn) {
      return {
        resourceId,
        resourceType,
        status: 'FAIL',
        evidence: `${evidence}: no task role, so the application needs long-lived keys`,
      };
    }
    if (
      s.executionRoleArn &&
      roleName(s.taskRoleArn) === roleName(s.executionRoleArn)
    ) {
      return {
        resourceId,
        resourceType,
        status: 'FAIL',
        evidence: `${evidence}: the application runs with the execution role`,
      };
    }
    return { resourceId, resourceType, status: 'PASS', evidence };
  });
  const failing = countBy(resources, 'FAIL');
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: failing
      ? `${failing} of ${f.services.length} services have no task role of their own.`
      : `Every service runs with its own task role, separate from the execution role.`,
    resources,
  };
}
