import type { CheckResult } from '@prod-hardening/plugin-prod-hardening-common';

/**
 * Names infra/terraform/production-hardening gives resources from its name_prefix
 * (main.tf, locals.names) that app-config.yaml does not list. The prefix is read back from the rate-limiter queue name,
 * which app-config.yaml and the module share ("<prefix>-rate-limiter-queue").
 */
export function moduleNames(rateLimiterQueue: string) {
  const prefix = rateLimiterQueue.replace(/-rate-limiter-queue$/, '');
  return {
    redisAuthSecret: `${prefix}/redis/auth-token`,
    kmsKeyAlias: `alias/${prefix}-production-hardening`,
    ecsTaskRole: `${prefix}-ecs-task`,
  };
}

/**
 * The resource a runbook is for: the one asked for (it must be in the check's
 * evidence), else the first that does not pass.
 */
export function resourceToRemediate(
  check: Pick<CheckResult, 'resources'>,
  resourceId?: string,
) {
  if (resourceId !== undefined)
    return check.resources.find(r => r.resourceId === resourceId);
  return check.resources.find(r => r.status !== 'PASS') ?? check.resources[0];
}

/** arn:aws:elasticache:region:account:replicationgroup:ID → ID. */
export function replicationGroupIdOf(arnOrId: string): string {
  return arnOrId.slice(arnOrId.lastIndexOf(':') + 1);
}
