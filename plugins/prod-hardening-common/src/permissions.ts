import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  createPermission,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of the portal's conditional permissions: something the portal
 * changes or shows, identified by an AWS ARN (a remediation's affected resource) or a
 * catalog entity ref (an entity page), and owned by the owners of the catalog entities
 * that list it. The backend plugin loads these and evaluates the rules below.
 */
export const PROD_HARDENING_RESOURCE_TYPE = 'prod-hardening-resource';

/** Reading any prod-hardening dashboard (posture, FinOps, throttling, weekly review). */
export const prodHardeningReadPermission = createPermission({
  name: 'prod-hardening.read',
  attributes: { action: 'read' },
});

/**
 * Changing the AWS account at all: executing a remediation plan or redriving a
 * dead-letter queue. Previews are reads; only execution needs this. Each resource the
 * change touches is then checked with `prodHardeningResourceRemediatePermission`.
 */
export const prodHardeningRemediationExecutePermission = createPermission({
  name: 'prod-hardening.remediation.execute',
  attributes: { action: 'update' },
});

/**
 * Changing one AWS resource (resource ref: its ARN). Asked for every resource a
 * remediation or redrive touches, after `prod-hardening.remediation.execute`; a policy
 * can answer with the IS_RESOURCE_OWNER condition to leave the change to the owners.
 */
export const prodHardeningResourceRemediatePermission = createPermission({
  name: 'prod-hardening.resource.remediate',
  attributes: { action: 'update' },
  resourceType: PROD_HARDENING_RESOURCE_TYPE,
});

/**
 * Reading the portal's view of one catalog entity (resource ref: the entity ref), e.g.
 * its summary on the entity page; a policy can limit it to the entity's owners.
 */
export const prodHardeningEntityReadPermission = createPermission({
  name: 'prod-hardening.entity.read',
  attributes: { action: 'read' },
  resourceType: PROD_HARDENING_RESOURCE_TYPE,
});

/**
 * Verifying the remediation history's hash chain (GET /remediations/history/verify):
 * for the portal's administrators, who answer for the record's integrity.
 */
export const prodHardeningHistoryVerifyPermission = createPermission({
  name: 'prod-hardening.history.verify',
  attributes: { action: 'read' },
});

/**
 * Accepting a risk: creating or revoking an exemption of a check on a resource or of
 * a Security Hub finding (default: the security group).
 */
export const prodHardeningExemptionCreatePermission = createPermission({
  name: 'prod-hardening.exemption.create',
  attributes: { action: 'create' },
});

/**
 * Deciding (approving or rejecting) another person's request to run a risky
 * remediation. The backend also requires the decider to be in the request's approver
 * groups and never the requester; a policy can narrow it further.
 */
export const prodHardeningRemediationApprovePermission = createPermission({
  name: 'prod-hardening.remediation.approve',
  attributes: { action: 'update' },
});

/**
 * Triaging a cost anomaly: answering yes / no / planned activity from the FinOps tab.
 * For an AWS anomaly the answer is sent to AWS Cost Anomaly Detection, which tunes its
 * model with it (default: the FinOps group and the platform on-call group).
 */
export const prodHardeningFinOpsFeedbackPermission = createPermission({
  name: 'prod-hardening.finops.feedback',
  attributes: { action: 'update' },
});

export const prodHardeningPermissions = [
  prodHardeningReadPermission,
  prodHardeningRemediationExecutePermission,
  prodHardeningResourceRemediatePermission,
  prodHardeningEntityReadPermission,
  prodHardeningHistoryVerifyPermission,
  prodHardeningExemptionCreatePermission,
  prodHardeningRemediationApprovePermission,
  prodHardeningFinOpsFeedbackPermission,
];

/** The name of the ownership rule the backend plugin registers. */
export const IS_RESOURCE_OWNER_RULE = 'IS_RESOURCE_OWNER';

/** Params of IS_RESOURCE_OWNER: the caller's ownership claims (user and group refs). */
export type IsResourceOwnerParams = { claims: string[] };

/**
 * The condition "one of the resource's owners is in `claims`", for a permission
 * policy: pass the user's `ownershipEntityRefs`. A resource no catalog entity lists
 * has no owner, so it never matches.
 */
export function isResourceOwner(
  claims: string[],
): PermissionCondition<
  typeof PROD_HARDENING_RESOURCE_TYPE,
  IsResourceOwnerParams
> {
  return {
    rule: IS_RESOURCE_OWNER_RULE,
    resourceType: PROD_HARDENING_RESOURCE_TYPE,
    params: { claims },
  };
}

/**
 * A policy's conditional decision on one of the portal's resource permissions: the
 * prod-hardening plugin evaluates `conditions` on the resource (what
 * `createConditionExports` builds in a backend, as plain data a policy can import).
 */
export function createProdHardeningConditionalDecision(
  permission: ResourcePermission<typeof PROD_HARDENING_RESOURCE_TYPE>,
  conditions: PermissionCriteria<
    PermissionCondition<typeof PROD_HARDENING_RESOURCE_TYPE>
  >,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'prod-hardening',
    resourceType: permission.resourceType,
    conditions,
  };
}
