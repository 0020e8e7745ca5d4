import type { ProdHardeningConfig } from '../../config';
import { CHECKS, CheckMeta } from '../../domain/posture/catalog';
import type { Evaluation } from '../../domain/posture/evaluation';
import * as evaluate from '../../domain/posture/evaluators';
import { evaluateAlarms, expectedAlarms } from '../../domain/posture/alarms';
import { evaluateEcsTaskRoles } from '../../domain/posture/ecsTaskRoles';
import { evaluateCostAnomalyDetection } from '../../domain/posture/costAnomalyDetection';
import { evaluateEcsServiceResilience } from '../../domain/posture/ecsServiceResilience';
import { evaluateIntelligentTiering } from '../../domain/posture/intelligentTiering';
import { evaluateLambdaAlias } from '../../domain/posture/lambdaAlias';
import { evaluateGatewayEndpoints } from '../../domain/posture/gatewayEndpoints';
import { evaluateSecretsRotation } from '../../domain/posture/secretsRotation';
import { evaluateTopicEncryption } from '../../domain/posture/topicEncryption';
import type { EvaluationContext } from './evaluationContext';
import { readCostAnomalyFacts } from './readCostAnomalyDetection';
import { readEcsServiceResilienceFacts } from './readEcsServiceResilience';
import { readSecurityHubFacts } from './readSecurityHub';
import type { PostureSources } from './sources';

/** A check bound to its data: gather facts through the sources, then evaluate them. */
export interface CheckRunner {
  meta: CheckMeta;
  run(context: EvaluationContext): Promise<Evaluation>;
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
  // PITR and TTL both read every cost table: once per evaluation.
  const tableProtection = (context: EvaluationContext) =>
    context.once('dynamodb:cost-table-protection', () =>
      Promise.all(costTables.map(t => sources.dynamoDb.getProtection(t))),
    );
  const servicesByCluster = [
    ...new Set(resources.ecsServices.map(s => s.cluster)),
  ].map(cluster => ({
    cluster,
    services: resources.ecsServices
      .filter(s => s.cluster === cluster)
      .map(s => s.service),
  }));
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
      run: async () =>
        evaluate.evaluateSecurityHub(
          await readSecurityHubFacts(
            sources.securityHub,
            aws.region,
            aws.endpoint,
          ),
        ),
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
      run: async context =>
        evaluate.evaluateDynamoDbPitr({
          tables: await tableProtection(context),
        }),
    },
    {
      meta: CHECKS.dynamoDbTtl,
      run: async context =>
        evaluate.evaluateDynamoDbTtl({
          tables: await tableProtection(context),
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
    {
      meta: CHECKS.secretsRotation,
      run: async context =>
        evaluateSecretsRotation({
          now: context.now.toISOString(),
          secrets: await Promise.all(
            resources.secrets.map(s =>
              sources.secretsManager.describeRotation(s),
            ),
          ),
        }),
    },
    {
      meta: CHECKS.gatewayEndpoints,
      run: async () => {
        const vpcs = await sources.ec2.findVpcs(resources.appVpc);
        return evaluateGatewayEndpoints({
          region: aws.region,
          vpcRef: resources.appVpc,
          vpcs,
          endpoints: await sources.ec2.describeGatewayEndpoints(
            vpcs.map(v => v.id),
          ),
        });
      },
    },
    {
      meta: CHECKS.alarms,
      run: async () => {
        const expected = expectedAlarms(resources);
        return evaluateAlarms({
          expected,
          found: await sources.cloudWatchAlarms.describeAlarms(
            expected.map(a => a.name),
          ),
        });
      },
    },
    {
      meta: CHECKS.ecsTaskRoles,
      run: async () =>
        evaluateEcsTaskRoles({
          services: (
            await Promise.all(
              servicesByCluster.map(c =>
                sources.ecs.describeServiceRoles(c.cluster, c.services),
              ),
            )
          ).flat(),
        }),
    },
    {
      meta: CHECKS.snsEncryption,
      run: async () =>
        evaluateTopicEncryption({
          topics: await Promise.all(
            Object.values(resources.topics).map(t =>
              sources.sns.getEncryption(t),
            ),
          ),
        }),
    },
    {
      meta: CHECKS.ecsServiceResilience,
      run: async () =>
        evaluateEcsServiceResilience(
          await readEcsServiceResilienceFacts(sources, servicesByCluster),
        ),
    },
    {
      meta: CHECKS.s3IntelligentTiering,
      run: async () =>
        evaluateIntelligentTiering({
          buckets: await Promise.all(
            resources.intelligentTieringBuckets.map(b =>
              sources.s3.getLifecycle(b),
            ),
          ),
        }),
    },
    {
      meta: CHECKS.costAnomalyDetection,
      run: async () =>
        evaluateCostAnomalyDetection(
          await readCostAnomalyFacts(
            sources.costAnomalyDetection,
            {
              monitorName: resources.costAnomalyMonitorName,
              costTopicArn: sources.sns.topicArn(resources.topics.costAlerts),
            },
            aws.endpoint,
          ),
        ),
    },
    {
      meta: CHECKS.lambdaAliasInUse,
      run: async () => {
        const fn = resources.rateLimiterFunctionName;
        const [alias, queue] = await Promise.all([
          sources.lambda.getAlias(fn, resources.rateLimiterAlias),
          sources.lambda.listQueueMappings(resources.queues.rateLimiter, fn),
        ]);
        return evaluateLambdaAlias({
          functionName: fn,
          aliasName: resources.rateLimiterAlias,
          ...alias,
          ...queue,
        });
      },
    },
  ];
}
