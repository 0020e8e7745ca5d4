import type { FixCost } from './fixCost';
import type { PlannedCall } from './remediation';

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

export interface ApprovalRequest {
  id: string;
  planId: string;
  checkId: string;
  resourceId: string;
  /** The plan's title and calls, exactly what will run once approved. */
  title: string;
  calls: PlannedCall[];
  /** The plan's estimated monthly cost, so the approver sees what the change costs. */
  fixCost?: FixCost;
  overriddenBlockers: string[];
  /** Why this plan needs approval. */
  requirement: string[];
  requester: string;
  /** Why the requester wants the change, as they wrote it. */
  reason: string;
  /** Who may decide: the configured approver groups and the owners of the resources. */
  approverGroups: string[];
  status: ApprovalStatus;
  createdAt: string;
  /** Pending: the decision is due by then. Approved: the plan runs only until then. */
  expiresAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** The history row of the execution, once executed. */
  executedBy?: string;
  historyId?: string;
  /** For the caller: may decide it now (approver group, not the requester, pending). */
  canDecide?: boolean;
  /** For the caller: may execute it now (approved, requester or approver). */
  canExecute?: boolean;
}

export interface CreateApprovalRequest {
  planId: string;
  reason: string;
}

export interface DecideApprovalRequest {
  decision: ApprovalDecision;
  comment?: string;
}
