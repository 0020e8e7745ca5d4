/**
 * Counting what the library sends: requests per operation and the write units they
 * consume, through middleware on the DynamoDB client (nothing in the library changes).
 * Every request asks for `ReturnConsumedCapacity: INDEXES`; where the server does not
 * answer with it, the write units are computed from the item sizes by DynamoDB's rules
 * (1 WCU per started KB of the item, once for the table and once per index the item is
 * in).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The index key attributes of the aiCosts table: an item is in a GSI only if it has its hash key. */
const GSI_HASH_KEYS = ['provider', 'agent', 'date'];
const INDEXED_RANGE_KEY = 'timestamp';

export interface RequestCounter {
  requests: Map<string, number>;
  /** Write units by operation, as the server reported them. */
  reportedWriteUnits: Map<string, number>;
  /** Write units by operation, computed from item sizes. */
  computedWriteUnits: Map<string, number>;
  reset(): void;
}

const WRITE_OPERATIONS = new Set([
  'BatchWriteItem',
  'UpdateItem',
  'PutItem',
  'TransactWriteItems',
]);

export function countRequests(client: DynamoDBClient): RequestCounter {
  const counter: RequestCounter = {
    requests: new Map(),
    reportedWriteUnits: new Map(),
    computedWriteUnits: new Map(),
    reset() {
      counter.requests.clear();
      counter.reportedWriteUnits.clear();
      counter.computedWriteUnits.clear();
    },
  };
  const add = (m: Map<string, number>, op: string, n: number) =>
    m.set(op, (m.get(op) ?? 0) + n);
  client.middlewareStack.add(
    (next, context) => async args => {
      const op = context.commandName!.replace(/Command$/, '');
      add(counter.requests, op, 1);
      const input = args.input as Record<string, any>;
      if (WRITE_OPERATIONS.has(op)) {
        input.ReturnConsumedCapacity = 'INDEXES';
        add(counter.computedWriteUnits, op, computedWriteUnits(op, input));
      }
      const result = await next(args);
      const consumed = (result.output as Record<string, any>).ConsumedCapacity;
      if (WRITE_OPERATIONS.has(op) && consumed) {
        const list = Array.isArray(consumed) ? consumed : [consumed];
        add(
          counter.reportedWriteUnits,
          op,
          list.reduce((s, c) => s + (c?.CapacityUnits ?? 0), 0),
        );
      }
      return result;
    },
    // Just before serialization, so the added parameter reaches the request. The
    // document client marshals after this step: items are plain values here.
    { step: 'serialize', name: 'benchCountRequests', priority: 'high' },
  );
  return counter;
}

/**
 * Write units of one request by item size. A put of a new item costs its size; an
 * UpdateItem the larger of the item before and after, which for a rollup is its size
 * (a few hundred bytes: 1 unit).
 */
function computedWriteUnits(op: string, input: Record<string, any>): number {
  if (op === 'BatchWriteItem') {
    const requests = Object.values(
      (input.RequestItems ?? {}) as Record<string, any[]>,
    ).flat();
    return requests.reduce(
      (s, r) => s + (r.PutRequest ? putUnits(r.PutRequest.Item) : 1),
      0,
    );
  }
  if (op === 'PutItem') return putUnits(input.Item);
  if (op === 'UpdateItem') return 1;
  if (op === 'TransactWriteItems') {
    // Transactions cost twice the units of the same writes.
    return (input.TransactItems as any[]).reduce(
      (s, t) => s + 2 * (t.Put ? putUnits(t.Put.Item) : 1),
      0,
    );
  }
  return 0;
}

function putUnits(item: Record<string, unknown>): number {
  const units = Math.ceil(itemBytes(item) / 1024);
  const indexes =
    INDEXED_RANGE_KEY in item ? GSI_HASH_KEYS.filter(k => k in item).length : 0;
  return units * (1 + indexes);
}

/** DynamoDB's item size: attribute names plus values (numbers ~1 byte per 2 digits + 1). */
function itemBytes(item: Record<string, unknown>): number {
  let bytes = 0;
  for (const [name, v] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (typeof v === 'string') bytes += Buffer.byteLength(v);
    else if (typeof v === 'number')
      bytes += Math.ceil(String(v).length / 2) + 1;
    else if (typeof v === 'boolean') bytes += 1;
    else bytes += Buffer.byteLength(JSON.stringify(v));
  }
  return bytes;
}
