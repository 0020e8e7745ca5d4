import type { BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
  Permission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createProdHardeningConditionalDecision,
  isResourceOwner,
  PROD_HARDENING_RESOURCE_TYPE,
  prodHardeningEntityReadPermission,
  prodHardeningExemptionCreatePermission,
  prodHardeningFinOpsFeedbackPermission,
  prodHardeningHistoryVerifyPermission,
  prodHardeningRemediationExecutePermission,
  prodHardeningResourceRemediatePermission,
} from '@prod-hardening/plugin-prod-hardening-common';

/** Who holds a role: listed users, and members of listed groups. */
export interface Members {
  /** Group entity refs whose members hold the role. */
  groups: string[];
  /** User entity refs that hold the role. */
  users: string[];
}

/**
 * Who may change a resource (`prodHardening.permissions.remediation.scope`):
 * - `remediators`: the configured remediators, any resource (the default);
 * - `owners`: members of the group that owns the resource in the catalog, nobody else;
 * - `remediators-or-owners`: the remediators, and the owners of their own resources.
 */
export const REMEDIATION_SCOPES = [
  'remediators',
  'owners',
  'remediators-or-owners',
] as const;
export type RemediationScope = (typeof REMEDIATION_SCOPES)[number];

/**
 * Who may read an entity's view (`prodHardening.permissions.read.scope`):
 * - `everyone`: every signed-in user (the default);
 * - `owners`: the entity's owners (a Group's page: its members), and the remediators
 *   and admins, who answer for the whole account.
 */
export const READ_SCOPES = ['everyone', 'owners'] as const;
export type ReadScope = (typeof READ_SCOPES)[number];

export interface PortalRoles {
  /** May change the account (remediation, DLQ redrive). */
  remediators: Members;
  /** May verify the remediation history's hash chain. */
  admins: Members;
  /** Defaults to `remediators`. */
  remediationScope?: RemediationScope;
  /** Defaults to `everyone`. */
  readScope?: ReadScope;
  /** May create and revoke exemptions (accepted risk); default the security group. */
  exemptions: Members;
  /**
   * May triage cost anomalies (yes / no / planned activity); default the FinOps group
   * and the platform on-call group.
   */
  anomalyFeedback: Members;
}

/**
 * The portal's authorization rule, as a pure function:
 * - changing the account (remediation, DLQ redrive) needs
 *   `prod-hardening.remediation.execute` (the remediators, or anyone signed in when
 *   owners may change their own resources), then
 *   `prod-hardening.resource.remediate` on each resource it touches: allowed for
 *   remediators, conditional on ownership (IS_RESOURCE_OWNER with the user's
 *   ownership refs) as the scope says;
 * - an entity's view is conditional on its ownership when the read scope is `owners`;
 * - verifying the remediation history is reserved to the configured admins;
 * - creating and revoking exemptions is reserved to the configured exemption role;
 * - approving a risky remediation is open here: the backend itself allows only the
 *   request's approver groups (prodHardening.approvals) and never the requester;
 * - answering cost anomalies is reserved to the configured anomaly-feedback role;
 * - everything else is open to every signed-in user;
 * - a request without a signed-in user is denied.
 */
export function decide(
  permission: Permission,
  user: BackstageUserInfo | undefined,
  roles: PortalRoles,
): PolicyDecision {
  if (!user) return { result: AuthorizeResult.DENY };
  const scope = roles.remediationScope ?? 'remediators';
  const remediator = isMember(user, roles.remediators);
  if (isPermission(permission, prodHardeningRemediationExecutePermission)) {
    // With owners in scope anyone signed in may start: each resource is checked next.
    return allowIf(scope !== 'remediators' || remediator);
  }
  if (isPermission(permission, prodHardeningResourceRemediatePermission)) {
    if (scope === 'remediators') return allowIf(remediator);
    if (scope === 'remediators-or-owners' && remediator) return allowIf(true);
    return ownedBy(user, prodHardeningResourceRemediatePermission);
  }
  if (isPermission(permission, prodHardeningEntityReadPermission)) {
    if ((roles.readScope ?? 'everyone') === 'everyone') return allowIf(true);
    if (remediator || isMember(user, roles.admins)) return allowIf(true);
    return ownedBy(user, prodHardeningEntityReadPermission);
  }
  if (isPermission(permission, prodHardeningHistoryVerifyPermission)) {
    return allowIf(isMember(user, roles.admins));
  }
  if (isPermission(permission, prodHardeningExemptionCreatePermission)) {
    return allowIf(isMember(user, roles.exemptions));
  }
  if (isPermission(permission, prodHardeningFinOpsFeedbackPermission)) {
    return allowIf(isMember(user, roles.anomalyFeedback));
  }
  return { result: AuthorizeResult.ALLOW };
}

/** Allowed when the resource's catalog owner is the user or one of their groups. */
function ownedBy(
  user: BackstageUserInfo,
  permission: ResourcePermission<typeof PROD_HARDENING_RESOURCE_TYPE>,
): PolicyDecision {
  return createProdHardeningConditionalDecision(
    permission,
    isResourceOwner(user.ownershipEntityRefs),
  );
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
