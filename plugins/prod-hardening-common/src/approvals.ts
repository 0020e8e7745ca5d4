import type { ApprovalRequest } from './schema/openapi';

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
export type ApprovalStatus =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'executed';

export const APPROVAL_STATUSES: readonly ApprovalStatus[] = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'executed',
];

export type ApprovalDecision = 'approve' | 'reject';

export type { ApprovalRequest };

export interface CreateApprovalRequest {
  planId: string;
  reason: string;
}

export interface DecideApprovalRequest {
  decision: ApprovalDecision;
  comment?: string;
}
