import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  prodHardeningExemptionCreatePermission,
  prodHardeningHistoryVerifyPermission,
  prodHardeningRemediationExecutePermission,
} from '@prod-hardening/plugin-prod-hardening-common';

/** Who holds a role: listed users, and members of listed groups. */
export interface Members {
  /** Group entity refs whose members hold the role. */
  groups: string[];
  /** User entity refs that hold the role. */
  users: string[];
}

export interface PortalRoles {
  /** May change the account (remediation, DLQ redrive). */
  remediators: Members;
  /** May verify the remediation history's hash chain. */
  admins: Members;
  /** May create and revoke exemptions (accepted risk); default the security group. */
  exemptions: Members;
}

/**
 * The portal's authorization rule, as a pure function:
 * - changing the account (remediation, DLQ redrive) is reserved to the configured
 *   remediators (users, and members of groups);
 * - verifying the remediation history is reserved to the configured admins;
 * - creating and revoking exemptions is reserved to the configured exemption role;
 * - everything else is open to every signed-in user;
 * - a request without a signed-in user is denied.
 */
export function decide(
  permission: Permission,
  user: BackstageUserInfo | undefined,
  roles: PortalRoles,
): PolicyDecision {
  if (!user) return { result: AuthorizeResult.DENY };
  if (isPermission(permission, prodHardeningRemediationExecutePermission)) {
    return allowIf(isMember(user, roles.remediators));
  }
  if (isPermission(permission, prodHardeningHistoryVerifyPermission)) {
    return allowIf(isMember(user, roles.admins));
  }
  if (isPermission(permission, prodHardeningExemptionCreatePermission)) {
    return allowIf(isMember(user, roles.exemptions));
  }
  return { result: AuthorizeResult.ALLOW };
}

function isMember(user: BackstageUserInfo, members: Members): boolean {
  return (
    members.users.includes(user.userEntityRef) ||
    user.ownershipEntityRefs.some(ref => members.groups.includes(ref))
  );
}

function allowIf(allowed: boolean): PolicyDecision {
  return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
}
