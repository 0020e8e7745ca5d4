import type {
  CheckResult,
  Finding,
} from '@prod-hardening/plugin-prod-hardening-common';

/**
 * Control families one of our checks covers as a whole, although its catalog entry
 * names a single control: ElastiCache.4/5/6 are the Redis encryption check, every
 * CloudTrail.* control the trail check, IAM.* the ECS task-role (least privilege) one.
 */
const CHECK_BY_CONTROL_FAMILY: Record<string, string> = {
  ElastiCache: 'elasticache-encryption',
  CloudTrail: 'cloudtrail-multi-region',
  GuardDuty: 'guardduty-enabled',
  IAM: 'ecs-task-roles',
};

/**
 * The posture check a finding is about: the check with the same FSBP control, else
 * the check of the control's family. Findings without a control (GuardDuty threats)
 * map to none. Only checks present in the report are returned.
 */
export function checkForFinding(
  finding: Pick<Finding, 'controlId'>,
  checks: CheckResult[],
): CheckResult | undefined {
  const control = finding.controlId;
  if (!control) return undefined;
  const exact = checks.find(
    c => c.control !== 'baseline' && c.control === control,
  );
  if (exact) return exact;
  const family = CHECK_BY_CONTROL_FAMILY[control.split('.')[0]];
  return family ? checks.find(c => c.id === family) : undefined;
}
