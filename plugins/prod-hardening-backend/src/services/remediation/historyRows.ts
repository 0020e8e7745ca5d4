import type { RemediationHistoryEntry } from '@prod-hardening/plugin-prod-hardening-common';
import type {
  HistoryRowContent,
  SealedHistoryRow,
} from '../../domain/history/chain';

export const HISTORY_TABLE = 'prod_hardening_remediation_history';

/** A history row's columns (without its id and seal). */
export function toHistoryRow(entry: RemediationHistoryEntry) {
  return {
    check_id: entry.checkId,
    resource_id: entry.resourceId,
    plan_id: entry.planId ?? null,
    actor: entry.actor,
    outcome: entry.outcome,
    message: entry.message,
    calls_json: JSON.stringify(entry.calls),
    started_at: entry.startedAt,
    // An integer column: a fractional duration would be rounded by the database and
    // no longer hash as sealed.
    duration_ms: Math.round(entry.durationMs),
    verified_status: entry.verifiedStatus ?? null,
    reason: entry.reason ?? null,
    overridden_blockers_json: entry.overriddenBlockers?.length
      ? JSON.stringify(entry.overriddenBlockers)
      : null,
    settles: entry.settles ?? null,
  };
}

export function toHistoryEntry(row: any): RemediationHistoryEntry {
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

/** What the chain hashes of a row, from its columns (as written or as read back). */
export function chainContentOf(
  id: string,
  row: ReturnType<typeof toHistoryRow>,
): Omit<HistoryRowContent, 'seq' | 'prevHash'> {
  return {
    id,
    checkId: row.check_id,
    resourceId: row.resource_id,
    planId: row.plan_id ?? null,
    actor: row.actor,
    outcome: row.outcome,
    message: row.message,
    callsJson: row.calls_json,
    startedAt: row.started_at,
    durationMs: Number(row.duration_ms),
    verifiedStatus: row.verified_status ?? null,
    reason: row.reason ?? null,
    overriddenBlockersJson: row.overridden_blockers_json ?? null,
    settles: row.settles ?? null,
  };
}

/** A sealed row read back from the database, for verification. */
export function sealedRowOf(row: any): SealedHistoryRow {
  return {
    ...chainContentOf(row.id, row),
    seq: Number(row.seal_seq),
    prevHash: row.prev_hash,
    rowHash: row.row_hash,
  };
}

/** The seal columns of a sealed row. */
export function sealColumns(sealed: SealedHistoryRow) {
  return {
    seal_seq: sealed.seq,
    prev_hash: sealed.prevHash,
    row_hash: sealed.rowHash,
  };
}
