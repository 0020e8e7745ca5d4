import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type {
  CheckResult,
  GuidedRunbook,
  PostureReport,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import {
  elastiCacheMigrationRunbook,
  iamLeastPrivilegeRunbook,
  isGuidedCheckId,
  moduleNames,
  rdsForceSslRunbook,
  replicationGroupIdOf,
  resourceToRemediate,
} from '../../domain/remediation/guided';
import type { PostureSources } from '../posture/sources';

export interface GuidedRemediationServiceOptions {
  /** The posture report (cached): the checks and the evidence runbooks start from. */
  getReport: () => Promise<PostureReport>;
  sources: Pick<PostureSources, 'elastiCache' | 'rds' | 'ecs'>;
  config: ProdHardeningConfig;
  now?: () => Date;
}

/**
 * Runbooks for the checks the portal does not fix itself. Only reads: the check's
 * evidence picks the resource, a few describe calls add what the commands need, and
 * the pure generators write the steps.
 */
export class GuidedRemediationService {
  private readonly now: () => Date;

  constructor(private readonly options: GuidedRemediationServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async runbook(checkId: string, resourceId?: string): Promise<GuidedRunbook> {
    // Decided before anything is read, so an unknown id never reaches AWS.
    if (!isGuidedCheckId(checkId)) {
      throw new NotFoundError(`Check ${checkId} has no guided remediation.`);
    }
    const check = (await this.options.getReport()).checks.find(
      c => c.id === checkId,
    );
    if (!check)
      throw new NotFoundError(`There is no posture check ${checkId}.`);
    if (check.remediation.kind !== 'guided') {
      throw new NotFoundError(
        `Check ${checkId} has no guided remediation (its remediation is ${check.remediation.kind}).`,
      );
    }
    const evidence = resourceToRemediate(check, resourceId);
    if (!evidence) {
      throw new NotFoundError(
        resourceId === undefined
          ? `Check ${checkId} found no resource to remediate.`
          : `Check ${checkId} did not look at ${resourceId}.`,
      );
    }
    try {
      return await this.generate(check, evidence);
    } catch (err) {
      if (err instanceof NotFoundError) throw err;
      throw new ServiceUnavailableError(
        `Could not read ${
          evidence.resourceId
        } for the runbook: ${describeAwsError(
          err,
          this.options.config.aws.endpoint,
        )}`,
      );
    }
  }

  private async generate(
    check: CheckResult,
    evidence: ResourceEvidence,
  ): Promise<GuidedRunbook> {
    const { aws, resources } = this.options.config;
    const { elastiCache, rds } = this.options.sources;
    const names = moduleNames(resources.queues.rateLimiter);
    const common = {
      accountId: aws.accountId,
      region: aws.region,
      evidence,
      now: this.now(),
    };
    switch (check.id) {
      case 'elasticache-encryption': {
        const id = replicationGroupIdOf(evidence.resourceId);
        const group = await elastiCache.describeReplicationGroupDetails(id);
        if (!group) throw new NotFoundError(`Replication group ${id} is gone.`);
        return elastiCacheMigrationRunbook({
          ...common,
          ...group,
          replicationGroupId: group.id,
          authSecretName: names.redisAuthSecret,
          kmsKeyAlias: names.kmsKeyAlias,
          rateLimiterFunction: resources.rateLimiterFunctionName,
          ecsClusters: resources.ecsClusters,
        });
      }
      case 'rds-force-ssl': {
        const group = evidence.resourceId;
        // Family and instances only improve the commands: unreadable is not fatal.
        const [currentValue, family, instances] = await Promise.all([
          rds.getParameter(group, 'rds.force_ssl'),
          rds.getParameterGroupFamily(group).catch(() => undefined),
          rds.listInstancesUsing(group).catch(() => undefined),
        ]);
        return rdsForceSslRunbook({
          ...common,
          parameterGroup: group,
          family,
          currentValue,
          instances,
        });
      }
      default: {
        const service = await this.serviceRunning(evidence.resourceId);
        return iamLeastPrivilegeRunbook({
          ...common,
          ...service,
          taskRoleName: names.ecsTaskRole,
          costTables: [resources.tables.aiCosts, resources.tables.costAlerts],
          workQueues: [
            resources.queues.workflows,
            resources.queues.rateLimiter,
          ],
          costAlertsTopic: resources.topics.costAlerts,
          kmsKeyAlias: names.kmsKeyAlias,
        });
      }
    }
  }

  /** The configured ECS service whose current task definition is `taskDefinitionArn`. */
  private async serviceRunning(taskDefinitionArn: string) {
    const { ecsServices } = this.options.config.resources;
    const clusters = [...new Set(ecsServices.map(s => s.cluster))];
    const roles = (
      await Promise.all(
        clusters.map(cluster =>
          this.options.sources.ecs.describeServiceRoles(
            cluster,
            ecsServices.filter(s => s.cluster === cluster).map(s => s.service),
          ),
        ),
      )
    ).flat();
    const match = roles.find(r => r.taskDefinitionArn === taskDefinitionArn);
    if (!match?.taskDefinitionArn) {
      throw new NotFoundError(
        `No configured ECS service runs ${taskDefinitionArn} any more.`,
      );
    }
    return {
      cluster: match.cluster,
      service: match.service,
      taskDefinitionArn: match.taskDefinitionArn,
      taskRoleArn: match.taskRoleArn,
      executionRoleArn: match.executionRoleArn,
    };
  }
}
