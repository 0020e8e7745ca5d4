import { createPermission } from '@backstage/plugin-permission-common';

/** Reading any prod-hardening dashboard (posture, FinOps, throttling, weekly review). */
export const prodHardeningReadPermission = createPermission({
  name: 'prod-hardening.read',
  attributes: { action: 'read' },
});

/**
 * Changing the AWS account: executing a remediation plan or redriving a dead-letter
 * queue. Previews are reads; only execution needs this.
 */
export const prodHardeningRemediationExecutePermission = createPermission({
  name: 'prod-hardening.remediation.execute',
  attributes: { action: 'update' },
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

export const prodHardeningPermissions = [
  prodHardeningReadPermission,
  prodHardeningRemediationExecutePermission,
  prodHardeningHistoryVerifyPermission,
  prodHardeningExemptionCreatePermission,
];
