import { createHash } from 'node:crypto';

/**
 * Key layouts. The seed's ledger keys are kept: `pk = COST#YYYY-MM-DD#provider` and
 * a sort key that starts with `agent#type` (type = the model). The sort key goes on
 * with the entry's timestamp and id, because a bare `agent#model` would let the
 * second cost of the day for the same agent and model overwrite the first.
 */

export const COST_PK_PREFIX = 'COST#';
export const ROLLUP_PK = 'ROLLUP#DAY';
export const ALERT_PK_PREFIX = 'ALERT#';
export const ENTRY_ID_PK_PREFIX = 'ENTRY#';
export const KEY_SEPARATOR = '#';

export interface CostEntryKeyParts {
  date: string;
  provider: string;
  agent: string;
  model: string;
  timestamp: string;
  entryId: string;
}

export interface ItemKey {
  pk: string;
  sk: string;
}

/** `COST#2026-11-16#openai`: one partition per day and provider (seed). */
export function costPartitionKey(date: string, provider: string): string {
  return `${COST_PK_PREFIX}${date}#${provider}`;
}

/** `content#gpt-4o`: the seed's sort key, the prefix of every entry's sort key. */
export function agentModelPrefix(agent: string, model: string): string {
  return `${agent}#${model}`;
}

export function costEntryKey(p: CostEntryKeyParts): ItemKey {
  return {
    pk: costPartitionKey(p.date, p.provider),
    sk: `${agentModelPrefix(p.agent, p.model)}#${p.timestamp}#${p.entryId}`,
  };
}

/**
 * The marker that an entryId was recorded: its key comes from the entryId alone, so a
 * resend at another time (another default timestamp, even another day) still finds it.
 * It carries no index attributes, so no query or index ever returns it.
 */
export function entryIdMarkerKey(entryId: string): ItemKey {
  return { pk: `${ENTRY_ID_PK_PREFIX}${entryId}`, sk: 'ENTRY_ID' };
}

export interface RollupKeyParts {
  date: string;
  provider: string;
  agent: string;
  model: string;
}

/**
 * Daily rollups live in one partition, sorted by day first, so any date range is one
 * Query: `pk = ROLLUP#DAY AND sk BETWEEN from AND to~`.
 */
export function rollupKey(p: RollupKeyParts): ItemKey {
  return {
    pk: ROLLUP_PK,
    sk: `${p.date}#${p.provider}#${p.agent}#${p.model}`,
  };
}

/** Groups entries by what a rollup sums over. */
export function rollupGroupId(p: RollupKeyParts): string {
  return rollupKey(p).sk;
}

/** The inclusive upper bound for a sort key that starts with `prefix`. */
export function prefixUpperBound(prefix: string): string {
  // '~' sorts after every character used in our keys (digits, letters, '#', '-', ':', '.').
  return `${prefix}~`;
}

export function alertPartitionKey(alertId: string): string {
  return `${ALERT_PK_PREFIX}${alertId}`;
}

/**
 * A UUID (RFC 4122 version 5 layout) derived from a name, so the same budget
 * threshold in the same period always maps to the same alert row.
 */
export function stableAlertId(name: string): string {
  const bytes = createHash('sha1')
    .update(`huntaze-cost-alert:${name}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
