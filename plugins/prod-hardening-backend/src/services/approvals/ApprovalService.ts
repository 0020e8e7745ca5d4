import { randomUUID } from 'node:crypto';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalRequirement,
  ApprovalStatus,
  RemediationPlan,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  ApprovalPolicy,
  approvalRequirement,
  decisionProblem,
  executionProblem,
  StoredApproval,
  viewOf,
  Viewer,
} from '../../domain/approvals/rules';
import { AuditedAction, AuditedRefusal, ChangeAttempts } from '../guard';
import type { RemediationStore } from '../remediation/RemediationStore';
import type { ApprovalStore } from './ApprovalStore';

const HOUR_MS = 60 * 60_000;

export interface ApprovalServiceOptions {
  store: ApprovalStore;
  /** The remediation store: the plans, and the history the steps are recorded in. */
  remediations: RemediationStore;
  auditor: AuditorService;
  policy: ApprovalPolicy;
  /** Groups that may approve any request (prodHardening.approvals.approverGroups). */
  approverGroups: readonly string[];
  /** A request must be decided within this many hours, and executed within as many after. */
  expiryHours: number;
  /** The owners (group or user refs) of the resources a stored plan changes. */
  ownersOf: (planId: string) => Promise<string[]>;
  /** Tells the approvers of a new request, and the requester of a decision. */
  onChanged?: (approval: ApprovalRequest) => void | Promise<void>;
  nowMs?: () => number;
}

export type ApprovalStep = 'request' | 'decide';

/**
 * Four eyes on risky remediations. The requester asks for one previewed plan; a
 * person from its approver groups, never the requester, approves or rejects it before
 * it expires; then the requester or the approver executes that very plan (the
 * remediation service asks `executionProblem` and re-checks the state hash). Every
 * step is audited and in the history, refusals included.
 */
export class ApprovalService {
  private readonly nowMs: () => number;
  private readonly attempts: ChangeAttempts;

  constructor(private readonly options: ApprovalServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.attempts = new ChangeAttempts({
      store: options.remediations,
      auditor: options.auditor,
      nowMs: this.nowMs,
    });
  }

  requirement(
    plan: Pick<RemediationPlan, 'checkId' | 'overridden' | 'blockers'>,
  ): ApprovalRequirement {
    return approvalRequirement(plan, this.options.policy);
  }

  async list(
    viewer: Viewer | undefined,
    filters: { status?: ApprovalStatus; limit: number },
  ): Promise<ApprovalRequest[]> {
    const now = this.nowMs();
    const all = await this.options.store.list(filters.limit);
    return all
      .map(a => viewOf(a, viewer, now))
      .filter(a => !filters.status || a.status === filters.status);
  }

  async get(id: string, viewer: Viewer | undefined): Promise<ApprovalRequest> {
    const found = await this.options.store.get(id);
    if (!found) throw new NotFoundError(`There is no approval request ${id}.`);
    return viewOf(found, viewer, this.nowMs());
  }

  /** A request or decision refused before it started (not signed in, no permission). */
  async refused(
    actor: string,
    step: ApprovalStep,
    target: { planId?: string; approvalId?: string },
  ): Promise<AuditedRefusal> {
    const found = await this.find(target).catch(() => undefined);
    return this.attempts.refusal({
      eventId: eventOf(step),
      subject: subjectOf(found, actor, target),
    });
  }

  /** The requester asks for approval of a plan they previewed, while it is still valid. */
  async request(
    actor: string,
    planId: string,
    reason: string,
  ): Promise<AuditedAction<ApprovalRequest>> {
    const stored = await this.options.remediations.getPlan(planId);
    return this.attempts.action(
      {
        eventId: eventOf('request'),
        subject: {
          checkId: stored?.plan.checkId ?? 'unknown',
          resourceId: stored?.plan.resourceId ?? 'unknown',
          planId,
          actor,
          reason,
        },
      },
      async attempt => {
        if (!stored) {
          return attempt.refuse(
            'not-found',
            `No remediation plan ${planId}: preview the remediation first.`,
          );
        }
        const { plan } = stored;
        if (stored.userRef !== actor) {
          return attempt.refuse(
            'not-yours',
            'This plan was previewed by another user: preview it yourself before asking for approval.',
          );
        }
        const now = this.nowMs();
        if (stored.expiresAtMs < now || stored.claimedBy) {
          return attempt.refuse(
            'conflict',
            stored.claimedBy
              ? 'This plan was already used; preview the remediation again.'
              : 'This plan has expired: preview the remediation again.',
          );
        }
        const requirement = this.requirement(plan);
        if (!requirement.required) {
          return attempt.refuse(
            'invalid',
            'This plan does not need approval: execute it directly.',
          );
        }
        // The configured groups can always decide; the owners only when the catalog
        // answers (an unreadable catalog must not block the request).
        const owners = await this.options
          .ownersOf(planId)
          .catch((): string[] => []);
        const approval: StoredApproval = {
          id: randomUUID(),
          planId,
          checkId: plan.checkId,
          resourceId: plan.resourceId,
          title: plan.title,
          calls: plan.calls,
          fixCost: plan.fixCost,
          overriddenBlockers: plan.overridden ? plan.blockers : [],
          requirement: requirement.reasons,
          requester: actor,
          reason,
          approverGroups: unique([...this.options.approverGroups, ...owners]),
          state: 'pending',
          createdAt: new Date(now).toISOString(),
          expiresAt: this.expiryFrom(now),
        };
        await attempt.begin();
        await this.options.store.add(approval);
        await attempt.end('succeeded', {
          message: `Approval requested from ${approval.approverGroups.join(
            ', ',
          )} (request ${approval.id}, until ${approval.expiresAt}).`,
          calls: plan.calls,
          meta: { approvalId: approval.id },
        });
        const view = viewOf(approval, undefined, now);
        this.changed(view);
        return view;
      },
    );
  }

  /** An approver decides; the requester never may, nor may anyone once decided or expired. */
  async decide(
    viewer: Viewer,
    id: string,
    decision: ApprovalDecision,
    comment?: string,
  ): Promise<AuditedAction<ApprovalRequest>> {
    const found = await this.options.store.get(id);
    return this.attempts.action(
      {
        eventId: eventOf('decide'),
        subject: subjectOf(found, viewer.userRef, { approvalId: id }),
        meta: { approvalId: id, decision },
      },
      async attempt => {
        if (!found) {
          return attempt.refuse(
            'not-found',
            `There is no approval request ${id}.`,
          );
        }
        const now = this.nowMs();
        const problem = decisionProblem(found, viewer, now);
        if (problem) {
          return attempt.refuse(
            problem.status === 403 ? 'denied' : 'conflict',
            problem.message,
          );
        }
        await attempt.begin();
        const state = decision === 'approve' ? 'approved' : 'rejected';
        const decided = {
          state,
          by: viewer.userRef,
          at: new Date(now).toISOString(),
          comment,
          expiresAt:
            state === 'approved' ? this.expiryFrom(now) : found.expiresAt,
        } as const;
        if (!(await this.options.store.decide(id, decided))) {
          return attempt.refuse(
            'conflict',
            `Approval request ${id} was decided by someone else meanwhile.`,
          );
        }
        const updated: StoredApproval = {
          ...found,
          state,
          decidedBy: decided.by,
          decidedAt: decided.at,
          decisionComment: comment,
          expiresAt: decided.expiresAt,
        };
        await attempt.end('succeeded', {
          message: `${state === 'approved' ? 'Approved' : 'Rejected'} by ${
            viewer.userRef
          } (request ${id}${comment ? `: ${comment}` : ''}).`,
          meta: { approvalId: id, decision },
        });
        this.changed(viewOf(updated, undefined, now));
        return viewOf(updated, viewer, now);
      },
    );
  }

  /**
   * Why `actor` may not execute `planId` now (the 409 to answer), or, when they may,
   * the approval to mark executed. A plan that needs no approval passes.
   */
  async executionGate(
    plan: RemediationPlan,
    planId: string,
    actor: string,
  ): Promise<{ problem?: ConflictError; approvalId?: string }> {
    if (!this.requirement(plan).required) return {};
    const approval = await this.options.store.forPlan(planId);
    const problem = executionProblem(approval, actor, this.nowMs());
    if (problem) return { problem: new ConflictError(problem) };
    return { approvalId: approval!.id };
  }

  /** Marks the approved request executed by the attempt that claimed its plan. */
  async executed(
    approvalId: string,
    actor: string,
    historyId: string,
  ): Promise<void> {
    await this.options.store.markExecuted(approvalId, actor, historyId);
    const updated = await this.options.store.get(approvalId);
    if (updated) this.changed(viewOf(updated, undefined, this.nowMs()));
  }

  private expiryFrom(nowMs: number): string {
    return new Date(nowMs + this.options.expiryHours * HOUR_MS).toISOString();
  }

  private async find(target: {
    planId?: string;
    approvalId?: string;
  }): Promise<StoredApproval | undefined> {
    if (target.approvalId) return this.options.store.get(target.approvalId);
    if (target.planId) return this.options.store.forPlan(target.planId);
    return undefined;
  }

  /** Tells `onChanged` in the background: a notice never delays nor changes a step. */
  private changed(approval: ApprovalRequest): void {
    Promise.resolve()
      .then(() => this.options.onChanged?.(approval))
      .catch(() => {});
  }
}

function eventOf(step: ApprovalStep): string {
  return `remediation-approval-${step}`;
}

function subjectOf(
  found: StoredApproval | undefined,
  actor: string,
  target: { planId?: string; approvalId?: string },
) {
  return {
    checkId: found?.checkId ?? 'unknown',
    resourceId: found?.resourceId ?? 'unknown',
    planId: found?.planId ?? target.planId,
    actor,
  };
}

function unique(refs: string[]): string[] {
  return [...new Set(refs)];
}
