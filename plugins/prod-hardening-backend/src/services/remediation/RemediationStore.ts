import type { Knex } from 'knex';
import type {
  RemediationHistoryEntry,
  RemediationPlan,
} from '@prod-hardening/plugin-prod-hardening-common';
import { isUniqueViolation, storeUnavailable } from './storeErrors';

const PLANS = 'prod_hardening_remediation_plans';
const HISTORY = 'prod_hardening_remediation_history';
const LOCKS = 'prod_hardening_remediation_locks';

/** A lock older than this is from a crashed replica and may be taken over. */
export const STALE_LOCK_MS = 10 * 60_000;

export interface StoredPlan {
  plan: RemediationPlan;
  userRef: string;
  stateHash: string;
  expiresAtMs: number;
  /** The history row of the attempt that used the plan; a plan runs at most once. */
  claimedBy?: string;
}

/**
 * Plans, the history of every attempt and the one-in-flight locks, in the Backstage
 * database (SQLite locally, PostgreSQL in production) so every replica sees them.
 * Every database error other than a taken lock is a ServiceUnavailableError (503).
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
        // Written by earlier versions; plans are now claimed instead (claimed_*).
        t.bigInteger('executed_at_ms').nullable();
      });
    }
    if (!(await db.schema.hasColumn(PLANS, 'claimed_by'))) {
      await db.schema.alterTable(PLANS, t => {
        t.bigInteger('claimed_at_ms').nullable();
        t.string('claimed_by').nullable();
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
    if (!(await db.schema.hasColumn(HISTORY, 'reason'))) {
      await db.schema.alterTable(HISTORY, t => {
        t.text('reason').nullable();
        t.text('overridden_blockers_json').nullable();
      });
    }
    if (!(await db.schema.hasColumn(HISTORY, 'settles'))) {
      await db.schema.alterTable(HISTORY, t => {
        t.string('settles').nullable();
      });
    }
    if (!(await db.schema.hasTable(LOCKS))) {
      await db.schema.createTable(LOCKS, t => {
        t.string('lock_key', 2100).primary();
        t.string('plan_id').notNullable();
        t.bigInteger('acquired_at_ms').notNullable();
      });
    }
    if (!(await db.schema.hasColumn(LOCKS, 'owner'))) {
      await db.schema.alterTable(LOCKS, t => {
        t.string('owner').nullable();
      });
    }
    return new RemediationStore(db);
  }

  async savePlan(stored: StoredPlan): Promise<void> {
    await guard(
      this.db(PLANS).insert({
        plan_id: stored.plan.planId,
        user_ref: stored.userRef,
        check_id: stored.plan.checkId,
        resource_id: stored.plan.resourceId,
        state_hash: stored.stateHash,
        plan_json: JSON.stringify(stored.plan),
        expires_at_ms: stored.expiresAtMs,
      }),
    );
  }

  async getPlan(planId: string): Promise<StoredPlan | undefined> {
    const row = await guard(this.db(PLANS).where({ plan_id: planId }).first());
    if (!row) return undefined;
    return {
      plan: JSON.parse(row.plan_json),
      userRef: row.user_ref,
      stateHash: row.state_hash,
      expiresAtMs: Number(row.expires_at_ms),
      claimedBy: row.claimed_by ?? undefined,
    };
  }

  /**
   * Marks the plan used by `attemptId`, only if no attempt used it before: one
   * conditional update, so of two concurrent attempts exactly one gets true.
   */
  async claimPlan(
    planId: string,
    attemptId: string,
    nowMs: number,
  ): Promise<boolean> {
    const updated = await guard(
      this.db(PLANS)
        .where({ plan_id: planId })
        .whereNull('claimed_at_ms')
        .update({ claimed_at_ms: nowMs, claimed_by: attemptId }),
    );
    return updated === 1;
  }

  /**
   * Takes the one lock of a check+resource for `owner`; false when another attempt
   * holds it. A lock older than STALE_LOCK_MS is taken over by a conditional update
   * of that stale row, so two replicas cannot both take it over.
   */
  async tryLock(
    checkId: string,
    resourceId: string,
    owner: string,
    nowMs: number,
  ): Promise<boolean> {
    const lockKey = `${checkId}|${resourceId}`;
    try {
      // plan_id is NOT NULL in the first schema; it holds the owner too.
      await this.db(LOCKS).insert({
        lock_key: lockKey,
        plan_id: owner,
        owner,
        acquired_at_ms: nowMs,
      });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw storeUnavailable(err);
    }
    // Held. If the holder released it in between, this answers "locked" once; a retry succeeds.
    const takenOver = await guard(
      this.db(LOCKS)
        .where({ lock_key: lockKey })
        .andWhere('acquired_at_ms', '<', nowMs - STALE_LOCK_MS)
        .update({ plan_id: owner, owner, acquired_at_ms: nowMs }),
    );
    return takenOver === 1;
  }

  /** Releases the lock only if `owner` still holds it (not after a takeover). */
  async unlock(checkId: string, resourceId: string, owner: string) {
    await guard(
      this.db(LOCKS)
        .where({ lock_key: `${checkId}|${resourceId}`, owner })
        .delete(),
    );
  }

  /** Writes a history row: an attempt in progress, or one that ended at once. */
  async addHistory(entry: RemediationHistoryEntry): Promise<void> {
    await guard(this.db(HISTORY).insert({ id: entry.id, ...toRow(entry) }));
  }

  /**
   * Replaces the row of an attempt in progress with how it ended. Only a row still in
   * progress is changed: a completed row is never rewritten (a later outcome is a new
   * row, see `settles`).
   */
  async updateHistory(entry: RemediationHistoryEntry): Promise<void> {
    await guard(
      this.db(HISTORY)
        .where({ id: entry.id, outcome: 'in-progress' })
        .update(toRow(entry)),
    );
  }

  async getHistory(id: string): Promise<RemediationHistoryEntry | undefined> {
    const row = await guard(this.db(HISTORY).where({ id }).first());
    return row ? toEntry(row) : undefined;
  }

  async listHistory(options: {
    checkId?: string;
    limit: number;
  }): Promise<RemediationHistoryEntry[]> {
    const query = this.db(HISTORY)
      .orderBy('started_at', 'desc')
      .limit(options.limit);
    if (options.checkId) query.where({ check_id: options.checkId });
    const rows = await guard(query);
    return rows.map(toEntry);
  }
}

/** Runs a query; any database error becomes the store's 503. */
async function guard<T>(query: PromiseLike<T>): Promise<T> {
  try {
    return await query;
  } catch (err) {
    throw storeUnavailable(err);
  }
}

function toEntry(row: any): RemediationHistoryEntry {
  return {
    id: row.id,
    checkId: row.check_id,
    resourceId: row.resource_id,
    planId: row.plan_id ?? undefined,
    actor: row.actor,
    outcome: row.outcome,
    message: row.message,
    calls: JSON.parse(row.calls_json),
    startedAt: row.started_at,
    durationMs: Number(row.duration_ms),
    verifiedStatus: row.verified_status ?? undefined,
    reason: row.reason ?? undefined,
    overriddenBlockers: row.overridden_blockers_json
      ? JSON.parse(row.overridden_blockers_json)
      : undefined,
    settles: row.settles ?? undefined,
  };
}

function toRow(entry: RemediationHistoryEntry) {
  return {
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
    reason: entry.reason ?? null,
    overridden_blockers_json: entry.overriddenBlockers?.length
      ? JSON.stringify(entry.overriddenBlockers)
      : null,
    settles: entry.settles ?? null,
  };
}
