import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { RECORD_TYPES } from './constants';
import { rollupGroupId, rollupKey } from './keys';
import type { CostLedgerEntry, DailyRollup } from './records';

/** What a daily rollup sums, without its keys and bookkeeping. */
export type RollupSums = Omit<
  DailyRollup,
  'pk' | 'sk' | 'recordType' | 'updatedAt'
>;

/** Sums entries per day, provider, agent and model. Pure. */
export function groupForRollup(
  entries: readonly CostLedgerEntry[],
): Map<string, RollupSums> {
  const groups = new Map<string, RollupSums>();
  for (const e of entries) {
    const id = rollupGroupId(e);
    const g =
      groups.get(id) ??
      ({
        date: e.date,
        provider: e.provider,
        agent: e.agent,
        model: e.model,
        amountMicros: 0,
        inputTokens: 0,
        outputTokens: 0,
        tokens: 0,
        requests: 0,
        entryCount: 0,
      } satisfies RollupSums);
    g.amountMicros += e.amountMicros;
    g.inputTokens += e.inputTokens;
    g.outputTokens += e.outputTokens;
    g.tokens += e.tokens;
    g.requests += e.requests;
    g.entryCount += 1;
    groups.set(id, g);
  }
  return groups;
}

/**
 * The attributes a rollup read returns: the documented `DailyRollup`, without the
 * flush marks below (they are bookkeeping of the writers, not data).
 */
export const DAILY_ROLLUP_ATTRIBUTES = [
  'pk',
  'sk',
  'recordType',
  'date',
  'provider',
  'agent',
  'model',
  'amountMicros',
  'inputTokens',
  'outputTokens',
  'tokens',
  'requests',
  'entryCount',
  'updatedAt',
] as const;

/**
 * A rollup item remembers, per writer, the last flush it added: attribute
 * `flush#<writerId>` = that flush's sequence number. An addition is applied only if its
 * sequence number is higher, so a resent `UpdateItem` (an SDK retry after a timeout, our
 * own retry after an unknown outcome) is refused by DynamoDB instead of counted twice.
 */
export const FLUSH_MARK_PREFIX = 'flush#';

export function flushMarkAttribute(writerId: string): string {
  return `${FLUSH_MARK_PREFIX}${writerId}`;
}

/** The flush marks of a stored rollup item, to carry over when it is rebuilt. */
export function flushMarks(
  item: Record<string, unknown>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(item).filter(
      (kv): kv is [string, number] =>
        kv[0].startsWith(FLUSH_MARK_PREFIX) && typeof kv[1] === 'number',
    ),
  );
}

/** One flush's addition to one rollup item. */
export interface RollupIncrement {
  sums: RollupSums;
  /** The writer's flush sequence number; increases with every flush. */
  flushSeq: number;
}

/**
 * `UpdateItem` that adds one increment to its daily rollup item (created on the first
 * addition). With a `writerId` it is conditional on the writer's flush mark (see
 * FLUSH_MARK_PREFIX); without one (inside a transaction guarded by entry markers) it is
 * a plain ADD.
 */
export function rollupIncrementInput(
  table: string,
  sums: RollupSums,
  updatedAt: string,
  flush?: { writerId: string; flushSeq: number },
): UpdateCommandInput & { UpdateExpression: string } {
  const attributeNames: Record<string, string> = {
    '#amountMicros': 'amountMicros',
    '#inputTokens': 'inputTokens',
    '#outputTokens': 'outputTokens',
    '#tokens': 'tokens',
    '#requests': 'requests',
    '#entryCount': 'entryCount',
    '#recordType': 'recordType',
    '#date': 'date',
    '#provider': 'provider',
    '#agent': 'agent',
    '#model': 'model',
    '#updatedAt': 'updatedAt',
  };
  const values: Record<string, unknown> = {
    ':amount': sums.amountMicros,
    ':in': sums.inputTokens,
    ':out': sums.outputTokens,
    ':tokens': sums.tokens,
    ':requests': sums.requests,
    ':count': sums.entryCount,
    ':type': RECORD_TYPES.rollup,
    ':date': sums.date,
    ':provider': sums.provider,
    ':agent': sums.agent,
    ':model': sums.model,
    ':updatedAt': updatedAt,
  };
  let set =
    'SET #recordType = :type, #date = :date, #provider = :provider, #agent = :agent, #model = :model, #updatedAt = :updatedAt';
  let condition: string | undefined;
  if (flush) {
    attributeNames['#flushMark'] = flushMarkAttribute(flush.writerId);
    values[':flushSeq'] = flush.flushSeq;
    set += ', #flushMark = :flushSeq';
    condition = 'attribute_not_exists(#flushMark) OR #flushMark < :flushSeq';
  }
  return {
    TableName: table,
    Key: rollupKey(sums),
    UpdateExpression: `ADD #amountMicros :amount, #inputTokens :in, #outputTokens :out, #tokens :tokens, #requests :requests, #entryCount :count ${set}`,
    ...(condition && { ConditionExpression: condition }),
    ExpressionAttributeNames: attributeNames,
    ExpressionAttributeValues: values,
  };
}
