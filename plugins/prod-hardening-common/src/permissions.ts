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

export const prodHardeningPermissions = [
  prodHardeningReadPermission,
  prodHardeningRemediationExecutePermission,
];
