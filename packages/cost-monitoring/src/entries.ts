import { randomUUID } from 'node:crypto';
import { COST_RETENTION_DAYS, RECORD_TYPES } from './constants';
import { CostValidationError } from './errors';
import { costEntryKey } from './keys';
import { usdToMicros } from './money';
import type { CostLedgerEntry } from './records';
import { CostEntryInput, costEntryInputSchema, parseOrThrow } from './schemas';
import { isExpired, isoMillis, ttlFor, utcDay } from './time';

/** How far ahead of the clock an entry's timestamp may be (clients' clocks drift). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Validates an input and builds the ledger item: keys, micro-dollars, TTL. Pure: the
 * clock is an argument. `prefix` names the field in errors (e.g. `entries[3].`).
 */
export function buildEntry(
  input: CostEntryInput,
  prefix: string,
  now: Date,
): CostLedgerEntry {
  const parsed = parseOrThrow(costEntryInputSchema, input, prefix);
  const at = parsed.timestamp ?? now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw CostValidationError.of(`${prefix}timestamp`, 'is in the future');
  }
  const ttl = ttlFor(at, COST_RETENTION_DAYS);
  if (isExpired(ttl, now)) {
    throw CostValidationError.of(
      `${prefix}timestamp`,
      `is older than the ${COST_RETENTION_DAYS}-day retention`,
    );
  }
  const timestamp = isoMillis(at);
  const date = utcDay(at);
  const entryId = parsed.entryId ?? randomUUID();
  const amountMicros = parsed.amountMicros ?? usdToMicros(parsed.amountUsd!);
  return {
    ...costEntryKey({
      date,
      provider: parsed.provider,
      agent: parsed.agent,
      model: parsed.model,
      timestamp,
      entryId,
    }),
    recordType: RECORD_TYPES.entry,
    entryId,
    date,
    timestamp,
    provider: parsed.provider,
    agent: parsed.agent,
    model: parsed.model,
    amountMicros,
    inputTokens: parsed.inputTokens,
    outputTokens: parsed.outputTokens,
    tokens: parsed.inputTokens + parsed.outputTokens,
    requests: parsed.requests,
    ttl,
  };
}
