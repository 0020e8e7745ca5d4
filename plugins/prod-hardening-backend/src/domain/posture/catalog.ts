import { cloudTrailMeta } from '../../checks/cloudTrail/meta';
import { containerInsightsMeta } from '../../checks/containerInsights/meta';
import { sqsEncryptionMeta } from '../../checks/sqsEncryption/meta';
import { logRetentionMeta } from '../../checks/logRetention/meta';
import { accountPublicAccessBlockMeta } from '../../checks/accountPublicAccessBlock/meta';
import { dynamoDbPitrMeta } from '../../checks/dynamoDbPitr/meta';
import { dynamoDbTtlMeta } from '../../checks/dynamoDbTtl/meta';
import { securityHubMeta } from '../../checks/securityHub/meta';
import { guardDutyMeta } from '../../checks/guardDuty/meta';
import { elastiCacheEncryptionMeta } from '../../checks/elastiCacheEncryption/meta';
import { rdsForceSslMeta } from '../../checks/rdsForceSsl/meta';
import { secretsRotationMeta } from '../../checks/secretsRotation/meta';
import { gatewayEndpointsMeta } from '../../checks/gatewayEndpoints/meta';
import { alarmsMeta } from '../../checks/alarms/meta';
import { ecsTaskRolesMeta } from '../../checks/ecsTaskRoles/meta';
import { snsEncryptionMeta } from '../../checks/snsEncryption/meta';
import { ecsServiceResilienceMeta } from '../../checks/ecsServiceResilience/meta';
import { intelligentTieringMeta } from '../../checks/intelligentTiering/meta';
import { costAnomalyDetectionMeta } from '../../checks/costAnomalyDetection/meta';
import { lambdaAliasMeta } from '../../checks/lambdaAlias/meta';
import type { CheckMeta } from './checkMeta';

export type { CheckMeta } from './checkMeta';

/**
 * The posture checks: the seed's security runbook plus the hygiene the hardening plan
 * asks for. Severities follow the seed's risk ranking (public S3 and unencrypted Redis
 * first), not only FSBP's defaults.
 */
export const CHECKS = {
  s3AccountPublicAccessBlock: accountPublicAccessBlockMeta,
  guardDutyEnabled: guardDutyMeta,
  securityHubFsbp: securityHubMeta,
  cloudTrailMultiRegion: cloudTrailMeta,
  elastiCacheEncryption: elastiCacheEncryptionMeta,
  rdsForceSsl: rdsForceSslMeta,
  logRetention: logRetentionMeta,
  ecsContainerInsights: containerInsightsMeta,
  dynamoDbPitr: dynamoDbPitrMeta,
  dynamoDbTtl: dynamoDbTtlMeta,
  sqsEncryption: sqsEncryptionMeta,
  secretsRotation: secretsRotationMeta,
  gatewayEndpoints: gatewayEndpointsMeta,
  alarms: alarmsMeta,
  ecsTaskRoles: ecsTaskRolesMeta,
  snsEncryption: snsEncryptionMeta,
  ecsServiceResilience: ecsServiceResilienceMeta,
  s3IntelligentTiering: intelligentTieringMeta,
  costAnomalyDetection: costAnomalyDetectionMeta,
  lambdaAliasInUse: lambdaAliasMeta,
} as const satisfies Record<string, CheckMeta>;

export type CheckKey = keyof typeof CHECKS;
