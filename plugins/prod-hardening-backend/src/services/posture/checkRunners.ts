import {
  accountPublicAccessBlockCheck,
  alarmsCheck,
  cloudTrailCheck,
  containerInsightsCheck,
  costAnomalyDetectionCheck,
  dynamoDbPitrCheck,
  dynamoDbTtlCheck,
  ecsServiceResilienceCheck,
  ecsTaskRolesCheck,
  elastiCacheEncryptionCheck,
  gatewayEndpointsCheck,
  guardDutyCheck,
  intelligentTieringCheck,
  lambdaAliasCheck,
  logRetentionCheck,
  rdsForceSslCheck,
  runnerOf,
  secretsRotationCheck,
  securityHubCheck,
  snsEncryptionCheck,
  sqsEncryptionCheck,
} from '../../checks';
import type { ProdHardeningConfig } from '../../config';
import type { CheckMeta } from '../../domain/posture/catalog';
import type { Evaluation } from '../../domain/posture/evaluation';
import type { EvaluationContext } from './evaluationContext';
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
    runnerOf(ecsServiceResilienceCheck, sources, config),
    runnerOf(intelligentTieringCheck, sources, config),
    runnerOf(costAnomalyDetectionCheck, sources, config),
    runnerOf(lambdaAliasCheck, sources, config),
  ];
}
