import {
  accountPublicAccessBlockCheck,
  cloudTrailCheck,
  containerInsightsCheck,
  dynamoDbPitrCheck,
  dynamoDbTtlCheck,
  elastiCacheEncryptionCheck,
  gatewayEndpointsCheck,
  guardDutyCheck,
  logRetentionCheck,
  rdsForceSslCheck,
  runnerOf,
  secretsRotationCheck,
  securityHubCheck,
  sqsEncryptionCheck,
} from '../../checks';
import type { ProdHardeningConfig } from '../../config';
import { CHECKS, CheckMeta } from '../../domain/posture/catalog';
import type { Evaluation } from '../../domain/posture/evaluation';
import { evaluateAlarms, expectedAlarms } from '../../domain/posture/alarms';
import { evaluateEcsTaskRoles } from '../../domain/posture/ecsTaskRoles';
import { evaluateCostAnomalyDetection } from '../../domain/posture/costAnomalyDetection';
import { evaluateEcsServiceResilience } from '../../domain/posture/ecsServiceResilience';
import { evaluateIntelligentTiering } from '../../domain/posture/intelligentTiering';
import { evaluateLambdaAlias } from '../../domain/posture/lambdaAlias';
import { evaluateTopicEncryption } from '../../domain/posture/topicEncryption';
import type { EvaluationContext } from './evaluationContext';
import { readCostAnomalyFacts } from './readCostAnomalyDetection';
import { readEcsServiceResilienceFacts } from './readEcsServiceResilience';
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
  const servicesByCluster = [
    ...new Set(resources.ecsServices.map(s => s.cluster)),
  ].map(cluster => ({
    cluster,
    services: resources.ecsServices
      .filter(s => s.cluster === cluster)
      .map(s => s.service),
  }));
  return [
    runnerOf(accountPublicAccessBlockCheck, sources, config),
    runnerOf(guardDutyCheck, sources, config),
    runnerOf(securityHubCheck, sources, config),
    runnerOf(cloudTrailCheck, sources, config),
    runnerOf(elastiCacheEncryptionCheck, sources, config),
    runnerOf(rdsForceSslCheck, sources, config),
    runnerOf(logRetentionCheck, sources, config),
    runnerOf(containerInsightsCheck, sources, config),
    runnerOf(dynamoDbPitrCheck, sources, config),
    runnerOf(dynamoDbTtlCheck, sources, config),
    runnerOf(sqsEncryptionCheck, sources, config),
    runnerOf(secretsRotationCheck, sources, config),
    runnerOf(gatewayEndpointsCheck, sources, config),
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
