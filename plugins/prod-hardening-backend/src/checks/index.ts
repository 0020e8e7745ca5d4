import { accountPublicAccessBlockCheck } from './accountPublicAccessBlock';
import { alarmsCheck } from './alarms';
import { cloudTrailCheck } from './cloudTrail';
import { containerInsightsCheck } from './containerInsights';
import { dynamoDbPitrCheck } from './dynamoDbPitr';
import { dynamoDbTtlCheck } from './dynamoDbTtl';
import { ecsTaskRolesCheck } from './ecsTaskRoles';
import { elastiCacheEncryptionCheck } from './elastiCacheEncryption';
import { gatewayEndpointsCheck } from './gatewayEndpoints';
import { guardDutyCheck } from './guardDuty';
import { logRetentionCheck } from './logRetention';
import type { RemediableCheck } from './PostureCheck';
import { rdsForceSslCheck } from './rdsForceSsl';
import { secretsRotationCheck } from './secretsRotation';
import { securityHubCheck } from './securityHub';
import { snsEncryptionCheck } from './snsEncryption';
import { sqsEncryptionCheck } from './sqsEncryption';

export {
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
  secretsRotationCheck,
  securityHubCheck,
  snsEncryptionCheck,
  sqsEncryptionCheck,
};
export type {
  CheckBinding,
  PostureCheck,
  RemediableCheck,
} from './PostureCheck';
export { remediationOf, runnerOf } from './PostureCheck';

/**
 * The checks written as one module each, in the catalog's order (the others are still
 * wired in services/posture/checkRunners.ts; see docs/checks.md).
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
] as const;

/** The checks with an automated remediation: the remediation list is derived from it. */
export const AUTOMATED_CHECKS: RemediableCheck<any, any>[] =
  CHECK_MODULES.filter(
    (
      check,
    ): check is (typeof CHECK_MODULES)[number] & RemediableCheck<any, any> =>
      'remediation' in check,
  );
