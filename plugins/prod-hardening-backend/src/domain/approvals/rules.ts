import type {
  ApprovalRequest,
  ApprovalRequirement,
  ApprovalStatus,
  RemediationPlan,
} from '@prod-hardening/plugin-prod-hardening-common';

/** Which plans need a second person (prodHardening.approvals). */
export interface ApprovalPolicy {
  /** Checks whose every remediation needs approval. */
  checks: readonly string[];
  /** A plan whose preview blockers the requester overrode needs approval. */
  overriddenBlockers: boolean;
}

/** A request as stored: everything but the clock-dependent status and the caller's rights. */
export type StoredApproval = Omit<
  ApprovalRequest,
  'status' | 'canDecide' | 'canExecute'
> & {
  /** The stored decision; `expired` is derived from the clock. */
  state: 'pending' | 'approved' | 'rejected' | 'executed';
};

/** Why `plan` needs approval under `policy` (required false: it runs as any plan). */
export function approvalRequirement(
  plan: Pick<RemediationPlan, 'checkId' | 'overridden' | 'blockers'>,
  policy: ApprovalPolicy,
): ApprovalRequirement {
  const reasons: string[] = [];
  if (policy.checks.includes(plan.checkId)) {
    reasons.push(`Every remediation of ${plan.checkId} needs approval.`);
  }
  if (policy.overriddenBlockers && plan.overridden) {
    reasons.push(
      `The preview's blockers are overridden: ${plan.blockers.join(' ')}`,
    );
  }
  return { required: reasons.length > 0, reasons };
}

/** Pending and approved requests expire at `expiresAt`; decided ones keep their state. */
export function approvalStatus(
  approval: Pick<StoredApproval, 'state' | 'expiresAt'>,
  nowMs: number,
): ApprovalStatus {
  const open = approval.state === 'pending' || approval.state === 'approved';
  if (open && Date.parse(approval.expiresAt) <= nowMs) return 'expired';
  return approval.state;
}

/** Who asks and what they may do: the user's entity ref and ownership refs (groups). */
export interface Viewer {
  userRef: string;
  ownershipRefs: readonly string[];
  /**
   * What the permission framework lets this user do (the approve and the execute
   * permissions), so a view offers only what the backend would accept.
   */
  allowed: { approve: boolean; execute: boolean };
}

export function isApprover(
  approval: Pick<StoredApproval, 'approverGroups'>,
  viewer: Viewer,
): boolean {
  return viewer.ownershipRefs.some(ref =>
    approval.approverGroups.includes(ref),
  );
}

/**
 * Why `viewer` may not decide the request now, or undefined: self-approval is refused
 * (403), so is a decider outside the approver groups; only a pending request can be
 * decided (409).
 */
export function decisionProblem(
  approval: StoredApproval,
  viewer: Viewer,
  nowMs: number,
): { status: 403 | 409; message: string } | undefined {
  if (approval.requester === viewer.userRef) {
    return {
      status: 403,
      message:
        'You asked for this change yourself: another person from the approver groups must decide it.',
    };
  }
  if (!isApprover(approval, viewer)) {
    return {
      status: 403,
      message: `Only members of ${approval.approverGroups.join(
        ', ',
      )} may decide this request.`,
    };
  }
  const status = approvalStatus(approval, nowMs);
  if (status === 'expired') {
    return {
      status: 409,
      message: `This request expired at ${approval.expiresAt}: the requester must preview and ask again.`,
    };
  }
  if (status !== 'pending') {
    return {
      status: 409,
      message: `This request was already ${status}${
        approval.decidedBy ? ` by ${approval.decidedBy}` : ''
      }${approval.decidedAt ? ` at ${approval.decidedAt}` : ''}.`,
    };
  }
  return undefined;
}

/**
 * Why `actor` may not execute the plan of this request now, or undefined: it must be
 * approved and unexpired, and the actor the requester or the approver.
 */
export function executionProblem(
  approval: StoredApproval | undefined,
  actor: string,
  nowMs: number,
): string | undefined {
  if (!approval) {
    return 'This plan needs approval: request approval, and execute it once a second person approved it.';
  }
  const status = approvalStatus(approval, nowMs);
  if (status === 'pending') {
    return `This plan is waiting for approval (request ${approval.id}); execute it once it is approved.`;
  }
  if (status === 'expired') {
    return `The approval request ${approval.id} expired at ${approval.expiresAt}: preview the remediation and ask again.`;
  }
  if (status === 'rejected') {
    return `The approval request ${approval.id} was rejected by ${
      approval.decidedBy
    }${approval.decisionComment ? ` ("${approval.decisionComment}")` : ''}.`;
  }
  if (status === 'executed') {
    return `This approved plan was already executed (request ${approval.id}); preview the remediation again.`;
  }
  if (actor !== approval.requester && actor !== approval.decidedBy) {
    return `Only the requester (${approval.requester}) or the approver (${approval.decidedBy}) may execute this approved plan.`;
  }
  return undefined;
}

/** The request as the viewer sees it: its status and what they may do with it. */
export function viewOf(
  approval: StoredApproval,
  viewer: Viewer | undefined,
  nowMs: number,
): ApprovalRequest {
  const { state, ...rest } = approval;
  const status = approvalStatus(approval, nowMs);
  return {
    ...rest,
    status,
    canDecide: viewer
      ? viewer.allowed.approve &&
        decisionProblem(approval, viewer, nowMs) === undefined
      : false,
    canExecute: viewer
      ? viewer.allowed.execute &&
        status === 'approved' &&
        executionProblem(approval, viewer.userRef, nowMs) === undefined
      : false,
  };
}
