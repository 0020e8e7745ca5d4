import type { Knex } from 'knex';
import type { RestorableWorkflowStatus } from '@prod-hardening/plugin-prod-hardening-common';
import { guardQuery } from '../../database/unavailable';
import type { StoredExemption } from '../../domain/exemptions/rules';

const TABLE = 'prod_hardening_exemptions';
const STORE = 'exemption store';

/**
 * Exemptions in the Backstage database, so every replica applies the same ones. Rows
 * are only ever added and then revoked or marked restored, never deleted.
 */
export class ExemptionStore {
  /** `db` has the plugin's migrations applied (migrateDatabase). */
  constructor(private readonly db: Knex) {}

  async add(e: StoredExemption): Promise<void> {
    await guardQuery(STORE, this.db(TABLE).insert(toRow(e)));
  }

  async get(id: string): Promise<StoredExemption | undefined> {
    const row = await guardQuery(STORE, this.db(TABLE).where({ id }).first());
    return row ? fromRow(row) : undefined;
  }

  /** Every exemption, newest first (a few hundred at most in practice). */
  async list(): Promise<StoredExemption[]> {
    const rows = await guardQuery(
      STORE,
      this.db(TABLE).orderBy('created_at', 'desc'),
    );
    return rows.map(fromRow);
  }

  /**
   * Marks the exemption revoked, only if it was not revoked before: of two concurrent
   * revocations exactly one gets true.
   */
  async revoke(id: string, by: string, at: string): Promise<boolean> {
    const updated = await guardQuery(
      STORE,
      this.db(TABLE)
        .where({ id })
        .whereNull('revoked_at')
        .update({ revoked_by: by, revoked_at: at }),
    );
    return updated === 1;
  }

  /**
   * Finding exemptions that ended (expired, or revoked) whose finding's workflow
   * status was not put back yet.
   */
  async pendingRestore(nowIso: string): Promise<StoredExemption[]> {
    const rows = await guardQuery(
      STORE,
      this.db(TABLE)
        .where({ kind: 'finding' })
        .whereNull('workflow_restored_at')
        .where(ended =>
          ended.whereNotNull('revoked_at').orWhere('expires_at', '<=', nowIso),
        ),
    );
    return rows.map(fromRow);
  }

  async markRestored(id: string, at: string): Promise<boolean> {
    const updated = await guardQuery(
      STORE,
      this.db(TABLE)
        .where({ id })
        .whereNull('workflow_restored_at')
        .update({ workflow_restored_at: at }),
    );
    return updated === 1;
  }
}

function toRow(e: StoredExemption) {
  return {
    id: e.id,
    kind: e.kind,
    check_id: e.checkId ?? null,
    resource_id: e.resourceId,
    finding_id: e.findingId ?? null,
    justification: e.justification,
    expires_at: e.expiresAt,
    created_by: e.createdBy,
    created_at: e.createdAt,
    revoked_by: e.revokedBy ?? null,
    revoked_at: e.revokedAt ?? null,
    previous_workflow_status: e.previousWorkflowStatus ?? null,
    workflow_restored_at: e.workflowRestoredAt ?? null,
  };
}

function fromRow(row: any): StoredExemption {
  const optional = (v: unknown) => (v === null ? undefined : (v as string));
  return {
    id: row.id,
    kind: row.kind,
    checkId: optional(row.check_id),
    resourceId: row.resource_id,
    findingId: optional(row.finding_id),
    justification: row.justification,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedBy: optional(row.revoked_by),
    revokedAt: optional(row.revoked_at),
    previousWorkflowStatus: optional(row.previous_workflow_status) as
      | RestorableWorkflowStatus
      | undefined,
    workflowRestoredAt: optional(row.workflow_restored_at),
  };
}
