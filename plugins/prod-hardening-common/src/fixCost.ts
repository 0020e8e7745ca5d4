import type { FixCost } from './schema/openapi';

/**
 * What a remediation adds to the monthly bill, estimated from the AWS Price List and
 * the account's own usage where it can be read. Shown in the preview and to approvers.
 * `monthlyUsd` is positive when the fix adds cost, negative when it saves (e.g. logs
 * that stop being kept forever), 0 when the change is free, null when it could not be
 * estimated (`unknownReason` says why).
 */
export type { FixCost };
