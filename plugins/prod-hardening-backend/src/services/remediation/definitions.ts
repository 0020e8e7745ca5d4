import type { ProdHardeningConfig } from '../../config';
import { CHECKS } from '../../domain/posture/catalog';
import {
  AccountBpaState,
  ClustersState,
  GuardDutyState,
  PlanBody,
  planAccountPublicAccessBlock,
  planCloudTrail,
  planLogRetention,
  LogGroupsState,
  planContainerInsights,
  planEnableGuardDuty,
  planPointInTimeRecovery,
  planQueueEncryption,
  QueuesState,
  TablesState,
  TrailState,
} from '../../domain/remediation/plans';
import type { S3Source } from '../../sources/s3';
import type { PostureSources } from '../posture/sources';
import { securityHubRemediation } from './securityHubRemediation';

/**
 * An automated remediation: read the state (read role) and plan from it (pure). The
 * plan's typed actions are what the preview shows and what the generic executor runs
 * (remediation role); `resourceId` names what it changes.
 */
export interface RemediationDefinition<S = unknown> {
  checkId: string;
  resourceId: string;
  readState(): Promise<S>;
  plan(state: S): PlanBody;
}

export function buildRemediations(
  read: PostureSources & { s3: S3Source },
  config: ProdHardeningConfig,
): RemediationDefinition<any>[] {
  const { accountId, region } = config.aws;
  const { resources } = config;
  const costTables = [resources.tables.aiCosts, resources.tables.costAlerts];
  const seedQueues = [
    resources.queues.workflows,
    resources.queues.workflowsDlq,
    resources.queues.rateLimiter,
    resources.queues.rateLimiterDlq,
  ];
  const accountBpa: RemediationDefinition<AccountBpaState> = {
    checkId: CHECKS.s3AccountPublicAccessBlock.id,
    resourceId: `arn:aws:s3:::account/${accountId}`,
    async readState() {
      const [bpa, buckets] = await Promise.all([
        read.s3Control.getAccountPublicAccessBlock(),
        read.s3.listBucketNames(),
      ]);
      const website = await Promise.all(
        buckets.map(async b => ((await read.s3.hasWebsite(b)) ? b : undefined)),
      );
      return {
        accountId,
        config: bpa,
        websiteBuckets: website.filter((b): b is string => Boolean(b)).sort(),
      };
    },
    plan: planAccountPublicAccessBlock,
  };
  const guardDuty: RemediationDefinition<GuardDutyState> = {
    checkId: CHECKS.guardDutyEnabled.id,
    resourceId: `guardduty/${region}`,
    async readState() {
      return { region, detectors: await read.guardDuty.listDetectors() };
    },
    plan: planEnableGuardDuty,
  };
  const cloudTrail: RemediationDefinition<TrailState> = {
    checkId: CHECKS.cloudTrailMultiRegion.id,
    resourceId: `cloudtrail/${resources.cloudTrailName}`,
    async readState() {
      return {
        trailName: resources.cloudTrailName,
        trails: await read.cloudTrail.describeTrails(),
      };
    },
    plan: planCloudTrail,
  };
  const containerInsights: RemediationDefinition<ClustersState> = {
    checkId: CHECKS.ecsContainerInsights.id,
    resourceId: `ecs/${resources.ecsClusters.join(',')}`,
    async readState() {
      return {
        clusters: await read.ecs.describeClusters(resources.ecsClusters),
      };
    },
    plan: planContainerInsights,
  };
  const pointInTimeRecovery: RemediationDefinition<TablesState> = {
    checkId: CHECKS.dynamoDbPitr.id,
    resourceId: `dynamodb/${costTables.join(',')}`,
    async readState() {
      return {
        tables: await Promise.all(
          costTables.map(t => read.dynamoDb.getProtection(t)),
        ),
      };
    },
    plan: planPointInTimeRecovery,
  };
  const queueEncryption: RemediationDefinition<QueuesState> = {
    checkId: CHECKS.sqsEncryption.id,
    resourceId: `sqs/${seedQueues.join(',')}`,
    async readState() {
      return {
        queues: await Promise.all(
          seedQueues.map(q => read.sqs.getEncryption(q)),
        ),
      };
    },
    plan: planQueueEncryption,
  };
  const logRetention: RemediationDefinition<LogGroupsState> = {
    checkId: CHECKS.logRetention.id,
    resourceId: `logs/${region}`,
    async readState() {
      return {
        groups: (await read.cloudWatchLogs.describeLogGroups()).map(g => ({
          name: g.name,
          retentionDays: g.retentionDays,
        })),
      };
    },
    plan: state => planLogRetention(state),
  };
  return [
    accountBpa,
    guardDuty,
    cloudTrail,
    containerInsights,
    pointInTimeRecovery,
    queueEncryption,
    logRetention,
    securityHubRemediation(read, config.aws),
  ];
}
