import type { Knex } from 'knex';
import type {
  RemediationHistoryEntry,
  RemediationPlan,
} from '@prod-hardening/plugin-prod-hardening-common';
import { ConflictError } from '@backstage/errors';
import { sealAfter } from '../../domain/history/chain';
import {
  chainContentOf,
  HISTORY_TABLE,
  sealColumns,
  toHistoryEntry,
  toHistoryRow,
} from './historyRows';
import { isUniqueViolation } from '../../database';
import { storeUnavailable } from './storeErrors';

const PLANS = 'prod_hardening_remediation_plans';
const HISTORY = HISTORY_TABLE;
/** Concurrent completions each lose a race at most a few times. */
const MAX_SEAL_ATTEMPTS = 20;
const LOCKS = 'prod_hardening_remediation_locks';

/** A lock older than this is from a crashed replica and may be taken over. */
export const STALE_LOCK_MS = 10 * 60_000;

/** Where a completed history row sits in the hash chain. */
export interface HistorySeal {
  seq: number;
  hash: string;
}

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
  /** `db` has the plugin's migrations applied (migrateDatabase). */
  constructor(private readonly db: Knex) {}

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
      await this.db(LOCKS).insert({
        lock_key: lockKey,
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
        .update({ owner, acquired_at_ms: nowMs }),
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

  /**
   * Writes a history row: an attempt in progress (not sealed yet), or one that ended
   * at once (sealed into the chain). Returns the seal of a completed row.
   */
  async addHistory(
    entry: RemediationHistoryEntry,
  ): Promise<HistorySeal | undefined> {
    const row = toHistoryRow(entry);
    if (entry.outcome === 'in-progress') {
      await guard(this.db(HISTORY).insert({ id: entry.id, ...row }));
      return undefined;
    }
    return this.sealed(entry.id, row, async seal => {
      await this.db(HISTORY).insert({ id: entry.id, ...row, ...seal });
    });
  }

  /**
   * Completes an attempt in progress with its outcome, sealing its row. The history is
   * append-only: a row already completed is never changed (ConflictError; the database
   * refuses it too), and nothing deletes rows.
   */
  async completeHistory(entry: RemediationHistoryEntry): Promise<HistorySeal> {
    const row = toHistoryRow(entry);
    return this.sealed(entry.id, row, async seal => {
      const updated = await this.db(HISTORY)
        .where({ id: entry.id })
        .whereNull('row_hash')
        .update({ ...row, ...seal });
      if (updated !== 1) {
        throw new ConflictError(
          `History row ${entry.id} is not an attempt in progress: completed rows cannot be changed.`,
        );
      }
    });
  }

  /**
   * Seals a row after the last sealed one. Two replicas sealing at once compute the
   * same position; the unique seal_seq lets one write win and the other retries after
   * the new end of the chain.
   */
  private async sealed(
    id: string,
    row: ReturnType<typeof toHistoryRow>,
    write: (seal: ReturnType<typeof sealColumns>) => Promise<void>,
  ): Promise<HistorySeal> {
    for (let attempt = 1; ; attempt++) {
      const last = await guard(
        this.db(HISTORY)
          .whereNotNull('seal_seq')
          .orderBy('seal_seq', 'desc')
          .first('seal_seq', 'row_hash'),
      );
      const sealed = sealAfter(
        last ? { seq: Number(last.seal_seq), hash: last.row_hash } : undefined,
        chainContentOf(id, row),
      );
      try {
        await write(sealColumns(sealed));
        return { seq: sealed.seq, hash: sealed.rowHash };
      } catch (err) {
        if (err instanceof ConflictError) throw err;
        if (!isUniqueViolation(err) || attempt >= MAX_SEAL_ATTEMPTS) {
          throw storeUnavailable(err);
        }
      }
    }
  }

  async getHistory(id: string): Promise<RemediationHistoryEntry | undefined> {
    const row = await guard(this.db(HISTORY).where({ id }).first());
    return row ? toHistoryEntry(row) : undefined;
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
    return rows.map(toHistoryEntry);
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
