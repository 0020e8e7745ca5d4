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
  GUARDDUTY_PUBLISHING_FREQUENCY,
} from '../../domain/remediation/plans';
import type { RemediationWriters } from '../../sources/remediation';
import type { S3Source } from '../../sources/s3';
import type { PostureSources } from '../posture/sources';
import { securityHubRemediation } from './securityHubRemediation';

/**
 * An automated remediation: read the state (read role), plan from it (pure), and
 * execute the plan's calls with the writers it is given: the remediation role acting
 * for the user who executes (AwsClientFactory.actingAs). `resourceId` names what it
 * changes.
 */
export interface RemediationDefinition<S = unknown> {
  checkId: string;
  resourceId: string;
  readState(): Promise<S>;
  plan(state: S): PlanBody;
  execute(state: S, write: RemediationWriters): Promise<void>;
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
    async execute(_state, write) {
      await write.s3Control.putAccountPublicAccessBlock({
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      });
    },
  };
  const guardDuty: RemediationDefinition<GuardDutyState> = {
    checkId: CHECKS.guardDutyEnabled.id,
    resourceId: `guardduty/${region}`,
    async readState() {
      return { region, detectors: await read.guardDuty.listDetectors() };
    },
    plan: planEnableGuardDuty,
    async execute(state, write) {
      if (state.detectors.length === 0) {
        await write.guardDuty.createDetector(GUARDDUTY_PUBLISHING_FREQUENCY);
        return;
      }
      for (const d of state.detectors.filter(x => x.status !== 'ENABLED')) {
        await write.guardDuty.enableDetector(d.detectorId);
      }
    },
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
    async execute(state, write) {
      for (const call of planCloudTrail(state).calls) {
        const name = String(call.params.Name);
        if (call.action === 'UpdateTrail')
          await write.cloudTrail.makeMultiRegionWithValidation(name);
        if (call.action === 'StartLogging')
          await write.cloudTrail.startLogging(name);
      }
    },
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
    async execute(state, write) {
      for (const call of planContainerInsights(state).calls) {
        await write.ecs.enableContainerInsights(String(call.params.cluster));
      }
    },
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
    async execute(state, write) {
      for (const call of planPointInTimeRecovery(state).calls) {
        await write.dynamoDb.enablePointInTimeRecovery(
          String(call.params.TableName),
        );
      }
    },
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
    async execute(state, write) {
      for (const call of planQueueEncryption(state).calls) {
        await write.sqs.enableManagedSse(String(call.params.QueueUrl));
      }
    },
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
    async execute(state, write) {
      for (const call of planLogRetention(state).calls) {
        await write.cloudWatchLogs.setRetention(
          String(call.params.logGroupName),
          Number(call.params.retentionInDays),
        );
      }
    },
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
