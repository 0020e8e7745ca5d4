import type { Knex } from 'knex';
import type {
  RemediationHistoryEntry,
  RemediationPlan,
} from '@prod-hardening/plugin-prod-hardening-common';

const PLANS = 'prod_hardening_remediation_plans';
const HISTORY = 'prod_hardening_remediation_history';
const LOCKS = 'prod_hardening_remediation_locks';

/** A lock older than this is from a crashed replica and may be taken over. */
const STALE_LOCK_MS = 10 * 60_000;

export interface StoredPlan {
  plan: RemediationPlan;
  userRef: string;
  stateHash: string;
  expiresAtMs: number;
  executedAtMs?: number;
}

/**
 * Plans, the history of every attempt and the one-in-flight locks, in the Backstage
 * database (SQLite locally, PostgreSQL in production) so every replica sees them.
 */
export class RemediationStore {
  private constructor(private readonly db: Knex) {}

  static async create(db: Knex): Promise<RemediationStore> {
    if (!(await db.schema.hasTable(PLANS))) {
      await db.schema.createTable(PLANS, t => {
        t.string('plan_id').primary();
        t.string('user_ref').notNullable();
        t.string('check_id').notNullable();
        t.string('resource_id', 2048).notNullable();
        t.string('state_hash').notNullable();
        t.text('plan_json').notNullable();
        t.bigInteger('expires_at_ms').notNullable();
        t.bigInteger('executed_at_ms').nullable();
      });
    }
    if (!(await db.schema.hasTable(HISTORY))) {
      await db.schema.createTable(HISTORY, t => {
        t.string('id').primary();
        t.string('check_id').notNullable().index();
        t.string('resource_id', 2048).notNullable();
        t.string('plan_id').nullable();
        t.string('actor').notNullable();
        t.string('outcome').notNullable();
        t.text('message').notNullable();
        t.text('calls_json').notNullable();
        t.string('started_at').notNullable().index();
        t.integer('duration_ms').notNullable();
        t.string('verified_status').nullable();
      });
    }
    if (!(await db.schema.hasTable(LOCKS))) {
      await db.schema.createTable(LOCKS, t => {
        t.string('lock_key', 2100).primary();
        t.string('plan_id').notNullable();
        t.bigInteger('acquired_at_ms').notNullable();
      });
    }
    return new RemediationStore(db);
  }

  async savePlan(stored: StoredPlan): Promise<void> {
    await this.db(PLANS).insert({
      plan_id: stored.plan.planId,
      user_ref: stored.userRef,
      check_id: stored.plan.checkId,
      resource_id: stored.plan.resourceId,
      state_hash: stored.stateHash,
      plan_json: JSON.stringify(stored.plan),
      expires_at_ms: stored.expiresAtMs,
    });
  }

  async getPlan(planId: string): Promise<StoredPlan | undefined> {
    const row = await this.db(PLANS).where({ plan_id: planId }).first();
    if (!row) return undefined;
    return {
      plan: JSON.parse(row.plan_json),
      userRef: row.user_ref,
      stateHash: row.state_hash,
      expiresAtMs: Number(row.expires_at_ms),
      executedAtMs:
        row.executed_at_ms === null ? undefined : Number(row.executed_at_ms),
    };
  }

  async markExecuted(planId: string, atMs: number): Promise<void> {
    await this.db(PLANS)
      .where({ plan_id: planId })
      .update({ executed_at_ms: atMs });
  }

  /** Takes the one lock of a check+resource; false when another execution holds it. */
  async tryLock(
    checkId: string,
    resourceId: string,
    planId: string,
    nowMs: number,
  ): Promise<boolean> {
    const lockKey = `${checkId}|${resourceId}`;
    await this.db(LOCKS)
      .where({ lock_key: lockKey })
      .andWhere('acquired_at_ms', '<', nowMs - STALE_LOCK_MS)
      .delete();
    try {
      await this.db(LOCKS).insert({
        lock_key: lockKey,
        plan_id: planId,
        acquired_at_ms: nowMs,
      });
      return true;
    } catch {
      return false; // primary key taken: an execution is in flight
    }
  }

  async unlock(checkId: string, resourceId: string): Promise<void> {
    await this.db(LOCKS)
      .where({ lock_key: `${checkId}|${resourceId}` })
      .delete();
  }

  async addHistory(entry: RemediationHistoryEntry): Promise<void> {
    await this.db(HISTORY).insert({
      id: entry.id,
      check_id: entry.checkId,
      resource_id: entry.resourceId,
      plan_id: entry.planId ?? null,
      actor: entry.actor,
      outcome: entry.outcome,
      message: entry.message,
      calls_json: JSON.stringify(entry.calls),
      started_at: entry.startedAt,
      duration_ms: entry.durationMs,
      verified_status: entry.verifiedStatus ?? null,
    });
  }

  async listHistory(options: {
    checkId?: string;
    limit: number;
  }): Promise<RemediationHistoryEntry[]> {
    const query = this.db(HISTORY)
      .orderBy('started_at', 'desc')
      .limit(options.limit);
    if (options.checkId) query.where({ check_id: options.checkId });
    const rows = await query;
    return rows.map((row: any) => ({
      id: row.id,
      checkId: row.check_id,
      resourceId: row.resource_id,
      planId: row.plan_id ?? undefined,
      actor: row.actor,
      outcome: row.outcome,
      message: row.message,
      calls: JSON.parse(row.calls_json),
      startedAt: row.started_at,
      durationMs: row.duration_ms,
      verifiedStatus: row.verified_status ?? undefined,
    }));
  }
}
