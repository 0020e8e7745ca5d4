import type { ApprovalRequest } from './schema/openapi';
import type { JsonRequestBody } from './contract';

/**
 * Four eyes on risky remediations: a plan that needs approval is executed only after
 * a second person (from the approver groups, never the requester) approved that very
 * plan. The plan keeps the state hash of its preview, so an approved plan still runs
 * only on the state the approver saw.
 */

/**
 * `pending` until decided or expired; `approved` can be executed (once) until it
 * expires; `executed` once an attempt claimed the plan.
 */
export type ApprovalStatus = ApprovalRequest['status'];

export const APPROVAL_STATUSES: readonly ApprovalStatus[] = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'executed',
];

export type ApprovalDecision = DecideApprovalRequest['decision'];

export type { ApprovalRequest };

/** POST /remediations/approvals */
export type CreateApprovalRequest = JsonRequestBody<'requestApproval'>;

/** POST /remediations/approvals/{id}/decision */
export type DecideApprovalRequest = JsonRequestBody<'decideApproval'>;
