import { createHash } from 'node:crypto';

/** The previous hash of the first sealed row. */
export const GENESIS_HASH = '0'.repeat(64);

/** A history row as stored, with its place in the chain. */
export interface SealedHistoryRow {
  seq: number;
  prevHash: string;
  rowHash: string;
  id: string;
  checkId: string;
  resourceId: string;
  planId: string | null;
  actor: string;
  outcome: string;
  message: string;
  callsJson: string;
  startedAt: string;
  durationMs: number;
  verifiedStatus: string | null;
  reason: string | null;
  overriddenBlockersJson: string | null;
  /** The timed-out attempt this row settles (absent on rows from before the column). */
  settles?: string | null;
}

export type HistoryRowContent = Omit<SealedHistoryRow, 'rowHash'>;

/** The end of the chain so far. */
export interface ChainLink {
  seq: number;
  hash: string;
}

/**
 * SHA-256 of a row's content, its position and the previous row's hash. The fields
 * are hashed as a JSON array in a fixed order (with a version tag), so the same row
 * read back from SQLite or PostgreSQL hashes the same.
 */
export function hashHistoryRow(row: HistoryRowContent): string {
  const fields = [
    'prod-hardening-history-v1',
    row.seq,
    row.prevHash,
    row.id,
    row.checkId,
    row.resourceId,
    row.planId,
    row.actor,
    row.outcome,
    row.message,
    row.callsJson,
    row.startedAt,
    row.durationMs,
    row.verifiedStatus,
    row.reason,
    row.overriddenBlockersJson,
    // Only on rows that settle an attempt, so rows sealed before the column hash as
    // they did.
    ...(row.settles ? [row.settles] : []),
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The row that follows `previous` (undefined: the first row), sealed. */
export function sealAfter(
  previous: ChainLink | undefined,
  content: Omit<HistoryRowContent, 'seq' | 'prevHash'>,
): SealedHistoryRow {
  const row = {
    ...content,
    seq: (previous?.seq ?? 0) + 1,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...row, rowHash: hashHistoryRow(row) };
}

/**
 * What is wrong with `row` as the successor of `previous` (undefined: the first row),
 * or undefined when the link holds: its position follows, it names the previous
 * row's hash, and its content still hashes to its own hash.
 */
export function checkLink(
  previous: ChainLink | undefined,
  row: SealedHistoryRow,
): string | undefined {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (row.seq !== expectedSeq) {
    return `sealed row ${expectedSeq} is missing (the next one is ${row.seq}): a completed row was deleted or renumbered`;
  }
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (row.prevHash !== expectedPrev) {
    return `it names ${short(
      row.prevHash,
    )} as the previous row's hash, but that row hashes to ${short(
      expectedPrev,
    )}: the chain was cut or rewritten here`;
  }
  if (hashHistoryRow(row) !== row.rowHash) {
    return 'its content no longer matches its hash: the row was edited after it was completed';
  }
  return undefined;
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
