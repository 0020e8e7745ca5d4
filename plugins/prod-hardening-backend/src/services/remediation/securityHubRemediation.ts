import { CHECKS } from '../../domain/posture/catalog';
import {
  planEnableSecurityHub,
  SecurityHubState,
} from '../../domain/remediation/securityHubPlan';
import { readSecurityHubFacts } from '../posture/readSecurityHub';
import type { PostureSources } from '../posture/sources';
import type { RemediationDefinition } from './definitions';

/** "Enable Security Hub + FSBP": the hub first, then the standard, each only if missing. */
export function securityHubRemediation(
  read: Pick<PostureSources, 'securityHub'>,
  aws: { region: string; endpoint?: string },
): RemediationDefinition<SecurityHubState> {
  return {
    checkId: CHECKS.securityHubFsbp.id,
    resourceId: `securityhub/${aws.region}`,
    readState: () =>
      readSecurityHubFacts(read.securityHub, aws.region, aws.endpoint),
    plan: planEnableSecurityHub,
  };
}
