import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
  Permission,
} from '@backstage/plugin-permission-common';
import { prodHardeningRemediationExecutePermission } from '@prod-hardening/plugin-prod-hardening-common';

export interface Remediators {
  /** Group entity refs whose members may remediate. */
  groups: string[];
  /** User entity refs that may remediate. */
  users: string[];
}

/**
 * The portal's authorization rule, as a pure function:
 * - changing the account (remediation, DLQ redrive) is reserved to the configured
 *   users and to members of the configured groups;
 * - everything else is open to every signed-in user;
 * - a request without a signed-in user is denied.
 */
export function decide(
  permission: Permission,
  user: BackstageUserInfo | undefined,
  remediators: Remediators,
): PolicyDecision {
  if (!user) return { result: AuthorizeResult.DENY };
  if (isPermission(permission, prodHardeningRemediationExecutePermission)) {
    const allowed =
      remediators.users.includes(user.userEntityRef) ||
      user.ownershipEntityRefs.some(ref => remediators.groups.includes(ref));
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  return { result: AuthorizeResult.ALLOW };
}
