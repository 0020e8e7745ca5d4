import type { Knex } from 'knex';
import { ConflictError } from '@backstage/errors';
import {
  databaseUnavailable,
  guardQuery,
  isUniqueViolation,
} from '../../database';
import type { StoredApproval } from '../../domain/approvals/rules';

const TABLE = 'prod_hardening_approvals';
const STORE = 'approval store';

/**
 * Approval requests in the Backstage database, so every replica sees the same
 * decisions. Every state change is one conditional update: of two concurrent
 * decisions (or executions) exactly one wins.
 */
export class ApprovalStore {
  /** `db` has the plugin's migrations applied (migrateDatabase). */
  constructor(private readonly db: Knex) {}

  /** Adds a request; 409 when the plan already has one (one request per plan). */
  async add(approval: StoredApproval): Promise<void> {
    try {
      await this.db(TABLE).insert(toRow(approval));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError(
          'Approval was already requested for this plan.',
        );
      }
      throw databaseUnavailable(STORE, err);
    }
  }

  async get(id: string): Promise<StoredApproval | undefined> {
    const row = await guardQuery(STORE, this.db(TABLE).where({ id }).first());
    return row ? fromRow(row) : undefined;
  }

  async forPlan(planId: string): Promise<StoredApproval | undefined> {
    const row = await guardQuery(
      STORE,
      this.db(TABLE).where({ plan_id: planId }).first(),
    );
    return row ? fromRow(row) : undefined;
  }

  /** The newest requests first. */
  async list(limit: number): Promise<StoredApproval[]> {
    const rows = await guardQuery(
      STORE,
      this.db(TABLE).orderBy('created_at', 'desc').limit(limit),
    );
    return rows.map(fromRow);
  }

  /**
   * Records the decision, only if the request is still pending and unexpired at
   * `at`: false when another decision (or the clock) came first.
   */
  async decide(
    id: string,
    decision: {
      state: 'approved' | 'rejected';
      by: string;
      at: string;
      comment?: string;
      /** An approved plan runs only until then. */
      expiresAt: string;
    },
  ): Promise<boolean> {
    const updated = await guardQuery(
      STORE,
      this.db(TABLE)
        .where({ id, state: 'pending' })
        .where('expires_at', '>', decision.at)
        .update({
          state: decision.state,
          decided_by: decision.by,
          decided_at: decision.at,
          decision_comment: decision.comment ?? null,
          expires_at: decision.expiresAt,
        }),
    );
    return updated === 1;
  }

  /** Marks the approved request executed by the attempt `historyId`. */
  async markExecuted(
    id: string,
    by: string,
    historyId: string,
  ): Promise<boolean> {
    const updated = await guardQuery(
      STORE,
      this.db(TABLE)
        .where({ id, state: 'approved' })
        .update({ state: 'executed', executed_by: by, history_id: historyId }),
    );
    return updated === 1;
  }
}

function toRow(a: StoredApproval) {
  return {
    id: a.id,
    plan_id: a.planId,
    check_id: a.checkId,
    resource_id: a.resourceId,
    title: a.title,
    calls_json: JSON.stringify(a.calls),
    fix_cost_json: a.fixCost ? JSON.stringify(a.fixCost) : null,
    overridden_blockers_json: JSON.stringify(a.overriddenBlockers),
    requirement_json: JSON.stringify(a.requirement),
    requester: a.requester,
    reason: a.reason,
    approver_groups_json: JSON.stringify(a.approverGroups),
    state: a.state,
    created_at: a.createdAt,
    expires_at: a.expiresAt,
    decided_by: a.decidedBy ?? null,
    decided_at: a.decidedAt ?? null,
    decision_comment: a.decisionComment ?? null,
    executed_by: a.executedBy ?? null,
    history_id: a.historyId ?? null,
  };
}

function fromRow(row: any): StoredApproval {
  const optional = (v: unknown) => (v === null ? undefined : (v as string));
  return {
    id: row.id,
    planId: row.plan_id,
    checkId: row.check_id,
    resourceId: row.resource_id,
    title: row.title,
    calls: JSON.parse(row.calls_json),
    fixCost: row.fix_cost_json ? JSON.parse(row.fix_cost_json) : undefined,
    overriddenBlockers: JSON.parse(row.overridden_blockers_json),
    requirement: JSON.parse(row.requirement_json),
    requester: row.requester,
    reason: row.reason,
    approverGroups: JSON.parse(row.approver_groups_json),
    state: row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedBy: optional(row.decided_by),
    decidedAt: optional(row.decided_at),
    decisionComment: optional(row.decision_comment),
    executedBy: optional(row.executed_by),
    historyId: optional(row.history_id),
  };
}
