import { cloudTrailCheck } from '../../checks/cloudTrail';
import { guardDutyCheck } from '../../checks/guardDuty';
import { containerInsightsCheck } from '../../checks/containerInsights';
import { sqsEncryptionCheck } from '../../checks/sqsEncryption';
import { logRetentionCheck } from '../../checks/logRetention';
import { accountPublicAccessBlockCheck } from '../../checks/accountPublicAccessBlock';
import { dynamoDbPitrCheck } from '../../checks/dynamoDbPitr';
import { remediationOf } from '../../checks/PostureCheck';
import type { ProdHardeningConfig } from '../../config';
import type { PlanBody } from '../../domain/remediation/plans';
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
  return [
    remediationOf(accountPublicAccessBlockCheck, read, config),
    remediationOf(guardDutyCheck, read, config),
    remediationOf(cloudTrailCheck, read, config),
    remediationOf(containerInsightsCheck, read, config),
    remediationOf(dynamoDbPitrCheck, read, config),
    remediationOf(sqsEncryptionCheck, read, config),
    remediationOf(logRetentionCheck, read, config),
    securityHubRemediation(read, config.aws),
  ];
}
