export { elastiCacheMigrationRunbook } from './elastiCacheMigration';
export type { ElastiCacheMigrationFacts } from './elastiCacheMigration';
export { rdsForceSslRunbook } from './rdsForceSsl';
export type { ForceSslInstance, RdsForceSslFacts } from './rdsForceSsl';
export { iamLeastPrivilegeRunbook } from './iamLeastPrivilege';
export type { IamLeastPrivilegeFacts } from './iamLeastPrivilege';

/**
 * Checks whose remediation is a runbook, not a button. IAM least privilege is the
 * guided remediation of the ECS task-role check; findings on IAM controls lead to it.
 */
export const GUIDED_CHECK_IDS = [
  'elasticache-encryption',
  'rds-force-ssl',
  'ecs-task-roles',
] as const;
export type GuidedCheckId = (typeof GUIDED_CHECK_IDS)[number];

export function isGuidedCheckId(id: string): id is GuidedCheckId {
  return (GUIDED_CHECK_IDS as readonly string[]).includes(id);
}
export {
  moduleNames,
  replicationGroupIdOf,
  resourceToRemediate,
} from './moduleNames';
