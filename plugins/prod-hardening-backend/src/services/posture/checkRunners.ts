import type { ProdHardeningConfig } from '../../config';
import { describeAwsError } from '../../aws';
import { CHECKS, CheckMeta } from '../../domain/posture/catalog';
import type { Evaluation } from '../../domain/posture/evaluation';
import * as evaluate from '../../domain/posture/evaluators';
import type { PostureSources } from './sources';

/** A check bound to its data: gather facts through the sources, then evaluate them. */
export interface CheckRunner {
  meta: CheckMeta;
  run(): Promise<Evaluation>;
}

/**
 * The posture checks wired to the account. Gathering is the only I/O; evaluation is
 * the pure domain function, so every rule is unit-tested on plain facts.
 */
export function buildCheckRunners(
  sources: PostureSources,
  config: ProdHardeningConfig,
): CheckRunner[] {
  const { aws, resources } = config;
  const costTables = [resources.tables.aiCosts, resources.tables.costAlerts];
  const seedQueues = [
    resources.queues.workflows,
    resources.queues.workflowsDlq,
    resources.queues.rateLimiter,
    resources.queues.rateLimiterDlq,
  ];
  return [
    {
      meta: CHECKS.s3AccountPublicAccessBlock,
      run: async () =>
        evaluate.evaluateAccountPublicAccessBlock({
          accountId: aws.accountId,
          config: await sources.s3Control.getAccountPublicAccessBlock(),
        }),
    },
    {
      meta: CHECKS.guardDutyEnabled,
      run: async () =>
        evaluate.evaluateGuardDuty({
          region: aws.region,
          detectors: await sources.guardDuty.listDetectors(),
        }),
    },
    {
      meta: CHECKS.securityHubFsbp,
      run: async () => {
        const hub = await sources.securityHub.describeHub();
        if (!hub.enabled)
          return evaluate.evaluateSecurityHub({
            region: aws.region,
            hubEnabled: false,
          });
        try {
          const arns = await sources.securityHub.getEnabledStandardsArns();
          return evaluate.evaluateSecurityHub({
            region: aws.region,
            hubEnabled: true,
            hubArn: hub.hubArn,
            enabledStandardsArns: arns,
          });
        } catch (err) {
          return evaluate.evaluateSecurityHub({
            region: aws.region,
            hubEnabled: true,
            hubArn: hub.hubArn,
            standardsError: describeAwsError(err, aws.endpoint),
          });
        }
      },
    },
    {
      meta: CHECKS.cloudTrailMultiRegion,
      run: async () =>
        evaluate.evaluateCloudTrail({
          trails: await sources.cloudTrail.describeTrails(),
        }),
    },
    {
      meta: CHECKS.elastiCacheEncryption,
      run: async () =>
        evaluate.evaluateElastiCacheEncryption({
          groups: await sources.elastiCache.describeReplicationGroups(),
        }),
    },
    {
      meta: CHECKS.rdsForceSsl,
      run: async () =>
        evaluate.evaluateRdsForceSsl({
          parameterGroup: resources.rdsParameterGroupName,
          value: await sources.rds.getParameter(
            resources.rdsParameterGroupName,
            'rds.force_ssl',
          ),
        }),
    },
    {
      meta: CHECKS.logRetention,
      run: async () =>
        evaluate.evaluateLogRetention({
          groups: await sources.cloudWatchLogs.describeLogGroups(),
        }),
    },
    {
      meta: CHECKS.ecsContainerInsights,
      run: async () =>
        evaluate.evaluateContainerInsights({
          clusters: await sources.ecs.describeClusters(resources.ecsClusters),
        }),
    },
    {
      meta: CHECKS.dynamoDbPitr,
      run: async () =>
        evaluate.evaluateDynamoDbPitr({
          tables: await Promise.all(
            costTables.map(t => sources.dynamoDb.getProtection(t)),
          ),
        }),
    },
    {
      meta: CHECKS.dynamoDbTtl,
      run: async () =>
        evaluate.evaluateDynamoDbTtl({
          tables: await Promise.all(
            costTables.map(t => sources.dynamoDb.getProtection(t)),
          ),
        }),
    },
    {
      meta: CHECKS.sqsEncryption,
      run: async () =>
        evaluate.evaluateSqsEncryption({
          queues: await Promise.all(
            seedQueues.map(q => sources.sqs.getEncryption(q)),
          ),
        }),
    },
  ];
}
