import {
  accountPublicAccessBlockCheck,
  alarmsCheck,
  cloudTrailCheck,
  containerInsightsCheck,
  dynamoDbPitrCheck,
  dynamoDbTtlCheck,
  ecsTaskRolesCheck,
  elastiCacheEncryptionCheck,
  gatewayEndpointsCheck,
  guardDutyCheck,
  logRetentionCheck,
  rdsForceSslCheck,
  runnerOf,
  secretsRotationCheck,
  securityHubCheck,
  snsEncryptionCheck,
  sqsEncryptionCheck,
} from '../../checks';
import { servicesByCluster } from '../../checks/ecsServices';
import type { ProdHardeningConfig } from '../../config';
import { CHECKS, CheckMeta } from '../../domain/posture/catalog';
import type { Evaluation } from '../../domain/posture/evaluation';
import { evaluateCostAnomalyDetection } from '../../domain/posture/costAnomalyDetection';
import { evaluateEcsServiceResilience } from '../../domain/posture/ecsServiceResilience';
import { evaluateIntelligentTiering } from '../../domain/posture/intelligentTiering';
import { evaluateLambdaAlias } from '../../domain/posture/lambdaAlias';
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
    runnerOf(alarmsCheck, sources, config),
    runnerOf(ecsTaskRolesCheck, sources, config),
    runnerOf(snsEncryptionCheck, sources, config),
    {
      meta: CHECKS.ecsServiceResilience,
      run: async () =>
        evaluateEcsServiceResilience(
          await readEcsServiceResilienceFacts(
            sources,
            servicesByCluster(config),
          ),
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
