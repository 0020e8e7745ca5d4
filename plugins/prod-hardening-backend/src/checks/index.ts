import { accountPublicAccessBlockCheck } from './accountPublicAccessBlock';
import { alarmsCheck } from './alarms';
import { cloudTrailCheck } from './cloudTrail';
import { containerInsightsCheck } from './containerInsights';
import { costAnomalyDetectionCheck } from './costAnomalyDetection';
import { dynamoDbPitrCheck } from './dynamoDbPitr';
import { dynamoDbTtlCheck } from './dynamoDbTtl';
import { ecsServiceResilienceCheck } from './ecsServiceResilience';
import { ecsTaskRolesCheck } from './ecsTaskRoles';
import { elastiCacheEncryptionCheck } from './elastiCacheEncryption';
import { gatewayEndpointsCheck } from './gatewayEndpoints';
import { guardDutyCheck } from './guardDuty';
import { intelligentTieringCheck } from './intelligentTiering';
import { lambdaAliasCheck } from './lambdaAlias';
import { logRetentionCheck } from './logRetention';
import type { RemediableCheck } from './PostureCheck';
import { rdsForceSslCheck } from './rdsForceSsl';
import { secretsRotationCheck } from './secretsRotation';
import { securityHubCheck } from './securityHub';
import { snsEncryptionCheck } from './snsEncryption';
import { sqsEncryptionCheck } from './sqsEncryption';

export type {
  CheckBinding,
  PostureCheck,
  RemediableCheck,
} from './PostureCheck';

/**
 * Every posture check, in the catalog's order: the order of the posture report. The
 * catalog, the posture runners and the remediation list are derived from it.
 */
export const CHECK_MODULES = [
  accountPublicAccessBlockCheck,
  guardDutyCheck,
  securityHubCheck,
  cloudTrailCheck,
  elastiCacheEncryptionCheck,
  rdsForceSslCheck,
  logRetentionCheck,
  containerInsightsCheck,
  dynamoDbPitrCheck,
  dynamoDbTtlCheck,
  sqsEncryptionCheck,
  secretsRotationCheck,
  gatewayEndpointsCheck,
  alarmsCheck,
  ecsTaskRolesCheck,
  snsEncryptionCheck,
  ecsServiceResilienceCheck,
  intelligentTieringCheck,
  costAnomalyDetectionCheck,
  lambdaAliasCheck,
] as const;

/** The checks with an automated remediation: the remediation list is derived from it. */
export const AUTOMATED_CHECKS: RemediableCheck<any, any>[] =
  CHECK_MODULES.filter(
    (
      check,
    ): check is (typeof CHECK_MODULES)[number] & RemediableCheck<any, any> =>
      'remediation' in check,
  );
