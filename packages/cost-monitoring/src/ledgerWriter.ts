import { randomUUID } from 'node:crypto';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { backoffDelays, Sleep, withJitter } from './backoff';
import {
  MAX_BATCH_WRITE_ITEMS,
  MAX_TRANSACT_ITEMS,
  RECORD_TYPES,
} from './constants';
import { CostLedgerWriteError, CostRollupUpdateError } from './errors';
import { entryIdMarkerKey, rollupGroupId } from './keys';
import type { CostLedgerEntry } from './records';
import {
  groupForRollup,
  RollupIncrement,
  rollupIncrementInput,
} from './rollups';
import { isoMillis } from './time';

export type DocumentClientLike = Pick<DynamoDBDocumentClient, 'send'>;
export type WriteRequests = NonNullable<
  BatchWriteCommandInput['RequestItems']
>[string];

export interface WriteRetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface LedgerWriterOptions {
  doc: DocumentClientLike;
  table: string;
  rollups: 'incremental' | 'deferred';
  now: () => Date;
  sleep: Sleep;
  random: () => number;
  lingerMs: number;
  maxConcurrentBatches: number;
  /** Entries one flush takes from the queue at most. */
  maxFlushEntries: number;
  retry: WriteRetryOptions;
  /** Told the days whose rollups this writer just added to. */
  onRollupsChanged?: (days: string[]) => void;
  /** Names this writer in the rollups' flush marks; a random UUID by default. */
  writerId?: string;
}

export interface PendingEntry {
  entry: CostLedgerEntry;
  /** The caller named the entry (entryId): it is written exactly once, see writeNamed. */
  named: boolean;
}

interface Pending extends PendingEntry {
  resolve: (entry: CostLedgerEntry) => void;
  reject: (err: unknown) => void;
}

/**
 * Rollup `UpdateItem`s one flush sends at once. A flush touches one item per day ×
 * provider × agent × model it saw (16 for a day of the seed's agents and models); a
 * backfill over many days can touch hundreds, which should not all be in flight.
 */
const MAX_CONCURRENT_ROLLUP_UPDATES = 16;

/**
 * The ledger's write path. Entries queue up; a flush takes up to `maxFlushEntries` of
 * them, writes them by `BatchWriteItem` in chunks of 25 (named entries by transaction,
 * see writeNamed), then adds what was written to the daily rollups with one `UpdateItem`
 * per rollup item. While a flush writes, new entries wait for the next one, so under
 * load flushes grow and the rollup updates per entry shrink (group commit). The next
 * flush's entry writes overlap this flush's rollup updates; rollup updates of
 * successive flushes are applied in flush order.
 */
export class LedgerWriter {
  readonly writerId: string;
  private readonly o: LedgerWriterOptions;
  private pending: Pending[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  /** A flush is writing entries; the next one starts when it is done. */
  private writing = false;
  private flushSeq = 0;
  private rollupRounds: Promise<void> = Promise.resolve();
  /** Rollup additions that failed after every retry, by rollup item, oldest first. */
  private readonly carried = new Map<string, RollupIncrement[]>();
  private namedWrites: Promise<void> = Promise.resolve();
  private readonly inflight = new Set<Promise<void>>();

  constructor(options: LedgerWriterOptions) {
    this.o = options;
    this.writerId = options.writerId ?? randomUUID();
  }

  enqueue(entries: readonly PendingEntry[]): Promise<CostLedgerEntry>[] {
    const promises = entries.map(
      e =>
        new Promise<CostLedgerEntry>((resolve, reject) => {
          this.pending.push({ ...e, resolve, reject });
        }),
    );
    this.schedule(false);
    return promises;
  }

  /**
   * Sends everything queued and waits for it, then re-sends rollup additions kept from
   * failed flushes. Rejects with CostRollupUpdateError if some are still not applied.
   */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.inflight.size > 0) {
      this.schedule(true);
      await Promise.allSettled([...this.inflight]);
    }
    if (this.carried.size === 0) return;
    const failed = await this.chainRollupRound([]);
    if (failed.size > 0) {
      const [first] = failed.values();
      throw new CostRollupUpdateError([...failed.keys()], first);
    }
  }

  /** Attempts of one write before it gives up: the first and `maxRetries` more. */
  get retryAttempts(): number {
    return this.o.retry.maxRetries + 1;
  }

  /** Additions kept for a later flush (rollup items); 0 when the rollups are up to date. */
  get carriedRollupUpdates(): number {
    let n = 0;
    for (const list of this.carried.values()) n += list.length;
    return n;
  }

  /** Starts a flush now if the queue holds a full batch (or `now`), else after the linger. */
  private schedule(now: boolean): void {
    if (this.writing || this.pending.length === 0) return;
    if (now || this.pending.length >= MAX_BATCH_WRITE_ITEMS) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      const taken = this.pending.splice(0, this.o.maxFlushEntries);
      const run = this.runFlush(taken).finally(() => this.inflight.delete(run));
      this.inflight.add(run);
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.schedule(true);
    }, this.o.lingerMs);
  }

  private async runFlush(taken: Pending[]): Promise<void> {
    this.writing = true;
    let namedDone: Promise<void> = Promise.resolve();
    let written: Pending[] = [];
    try {
      namedDone = this.writeNamed(taken.filter(p => p.named));
      written = await this.writeUnnamed(taken.filter(p => !p.named));
    } finally {
      this.writing = false;
      this.schedule(false);
    }
    if (this.o.rollups === 'deferred') {
      for (const p of written) p.resolve(p.entry);
    } else {
      const failed = await this.chainRollupRound(written.map(p => p.entry));
      for (const p of written) {
        const key = rollupGroupId(p.entry);
        const err = failed.get(key);
        if (err === undefined) p.resolve(p.entry);
        else p.reject(new CostRollupUpdateError([key], err));
      }
    }
    await namedDone;
  }

  // ------------------------------------------------------------- entries

  /**
   * Unnamed entries by BatchWriteItem, 25 per request, `maxConcurrentBatches` requests
   * at once, UnprocessedItems retried. Rejects what could not be written and returns
   * the rest (one per distinct item) for the rollups.
   */
  private async writeUnnamed(batch: Pending[]): Promise<Pending[]> {
    const byKey = new Map<string, Pending[]>();
    for (const p of batch) {
      const key = itemKey(p.entry);
      byKey.set(key, [...(byKey.get(key) ?? []), p]);
    }
    // An entry tracked twice (same key) is stored once and counted once.
    const unique = [...byKey.values()].map(ps => ps[0].entry);
    const chunks: CostLedgerEntry[][] = [];
    for (let i = 0; i < unique.length; i += MAX_BATCH_WRITE_ITEMS) {
      chunks.push(unique.slice(i, i + MAX_BATCH_WRITE_ITEMS));
    }
    const written: Pending[] = [];
    await mapWithConcurrency(chunks, this.o.maxConcurrentBatches, async c => {
      try {
        const left = await this.batchWrite(
          c.map(Item => ({ PutRequest: { Item } })),
        );
        const failed = new Set(left.map(r => itemKey(r.PutRequest?.Item)));
        const unprocessed = c.filter(e => failed.has(itemKey(e)));
        if (unprocessed.length > 0) {
          const error = new CostLedgerWriteError(
            unprocessed.map(e => e.entryId),
            this.o.retry.maxRetries + 1,
          );
          for (const e of unprocessed)
            byKey.get(itemKey(e))!.forEach(p => p.reject(error));
        }
        for (const e of c) {
          if (failed.has(itemKey(e))) continue;
          const [first, ...twins] = byKey.get(itemKey(e))!;
          written.push(first);
          twins.forEach(p => p.resolve(e));
        }
      } catch (err) {
        // Outcome unknown (the request may have been applied): not counted in the
        // rollups; a resend of these entries overwrites the same items.
        for (const e of c) byKey.get(itemKey(e))!.forEach(p => p.reject(err));
      }
    });
    return written;
  }

  /**
   * One BatchWriteItem (≤ 25 requests), re-sending UnprocessedItems with exponential
   * backoff and jitter. Returns what is still unprocessed after the last retry.
   */
  async batchWrite(requests: WriteRequests): Promise<WriteRequests> {
    const table = this.o.table;
    const delays = this.delays();
    let left = requests;
    for (let attempt = 0; ; attempt++) {
      const res: BatchWriteCommandOutput = await this.o.doc.send(
        new BatchWriteCommand({ RequestItems: { [table]: left } }),
      );
      left = res.UnprocessedItems?.[table] ?? [];
      if (left.length === 0 || attempt >= this.o.retry.maxRetries) return left;
      await this.o.sleep(withJitter(delays[attempt], this.o.random));
    }
  }

  // ------------------------------------------------------------- rollups

  /** Queues a rollup round behind the previous ones; resolves with the failed items. */
  private chainRollupRound(
    entries: CostLedgerEntry[],
  ): Promise<Map<string, unknown>> {
    const round = this.rollupRounds.then(() => this.applyRollupRound(entries));
    this.rollupRounds = round.then(
      () => undefined,
      () => undefined,
    );
    return round;
  }

  /**
   * One flush's rollup round: the written entries summed per rollup item, one
   * UpdateItem ADD each, conditional on this writer's flush mark (see rollups.ts), so a
   * resent update is counted once. Additions kept from failed rounds go first, under
   * their own flush sequence numbers. Returns the items whose addition failed.
   */
  private async applyRollupRound(
    entries: CostLedgerEntry[],
  ): Promise<Map<string, unknown>> {
    const flushSeq = ++this.flushSeq;
    const sums = groupForRollup(entries);
    const keys = [...new Set([...this.carried.keys(), ...sums.keys()])];
    const updatedAt = isoMillis(this.o.now());
    const failed = new Map<string, unknown>();
    await mapWithConcurrency(keys, MAX_CONCURRENT_ROLLUP_UPDATES, async key => {
      const queue = [...(this.carried.get(key) ?? [])];
      const s = sums.get(key);
      if (s) queue.push({ sums: s, flushSeq });
      this.carried.delete(key);
      for (let i = 0; i < queue.length; i++) {
        try {
          await this.addIncrement(queue[i], updatedAt);
        } catch (err) {
          // Kept in order: a later flush of this item must not overtake it, or the
          // item's flush mark would refuse it.
          this.carried.set(key, queue.slice(i));
          failed.set(key, err);
          return;
        }
      }
    });
    this.o.onRollupsChanged?.([...new Set(keys.map(k => k.slice(0, 10)))]);
    return failed;
  }

  /** Sends one addition until it is applied or found applied (condition failed). */
  private async addIncrement(
    increment: RollupIncrement,
    updatedAt: string,
  ): Promise<void> {
    const input = rollupIncrementInput(
      this.o.table,
      increment.sums,
      updatedAt,
      {
        writerId: this.writerId,
        flushSeq: increment.flushSeq,
      },
    );
    const delays = this.delays();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.o.doc.send(new UpdateCommand(input));
        return;
      } catch (err) {
        // The item's mark already has this flush: an earlier send of it was applied
        // (its answer was lost, or the SDK retried it).
        if ((err as Error)?.name === 'ConditionalCheckFailedException') return;
        if (!isRetryable(err) || attempt >= this.o.retry.maxRetries) throw err;
        await this.o.sleep(withJitter(delays[attempt], this.o.random));
      }
    }
  }

  // ------------------------------------------------------- named entries

  /**
   * Entries with a caller-given entryId, which the caller may send again (a retry after
   * a timeout, a redelivered message). One TransactWriteItems per 25: per entry a marker
   * keyed by the entryId alone, put only if absent, and the entry; then one ADD per
   * rollup. If a marker exists, DynamoDB cancels the whole transaction and names it:
   * that entry is already recorded (its stored copy is returned) and the rest is sent
   * again. So a resend, or two writers of the same entry at once, leaves one item and
   * one addition.
   */
  private writeNamed(batch: Pending[]): Promise<void> {
    const runs: Promise<void>[] = [];
    for (let i = 0; i < batch.length; i += MAX_BATCH_WRITE_ITEMS) {
      const chunk = batch.slice(i, i + MAX_BATCH_WRITE_ITEMS);
      // One transaction in flight per instance: concurrent transactions that add to the
      // same rollup item would cancel each other (TransactionConflict) and retry.
      const run = this.namedWrites.then(() => this.writeNamedNow(chunk));
      this.namedWrites = run.catch(() => undefined);
      runs.push(run);
    }
    return Promise.all(runs).then(() => undefined);
  }

  private async writeNamedNow(batch: Pending[]): Promise<void> {
    const byId = new Map<string, Pending[]>();
    for (const p of batch) {
      byId.set(p.entry.entryId, [...(byId.get(p.entry.entryId) ?? []), p]);
    }
    const settle = (entryId: string, outcome: (p: Pending) => void) =>
      byId.get(entryId)!.forEach(outcome);
    let left = [...byId.values()].map(ps => ps[0].entry);
    const delays = this.delays();
    let attempt = 0;
    try {
      while (left.length > 0) {
        const cancelled = await this.sendNamedTransaction(left);
        if (!cancelled) {
          for (const e of left) settle(e.entryId, p => p.resolve(e));
          return;
        }
        const recorded = left.filter(
          (_, i) => cancelled[2 * i]?.Code === 'ConditionalCheckFailed',
        );
        if (recorded.length > 0) {
          const stored = await Promise.all(
            recorded.map(e => this.storedEntry(e)),
          );
          recorded.forEach((e, i) =>
            settle(e.entryId, p => p.resolve(stored[i])),
          );
          left = left.filter(e => !recorded.includes(e));
          continue;
        }
        // Contention (another writer of the same entry or rollup), throttling, or a
        // server error (the transaction was not applied, or a resend finds its markers).
        if (attempt >= this.o.retry.maxRetries) {
          throw new CostLedgerWriteError(
            left.map(e => e.entryId),
            attempt + 1,
          );
        }
        await this.o.sleep(withJitter(delays[attempt], this.o.random));
        attempt++;
      }
    } catch (err) {
      for (const e of left) settle(e.entryId, p => p.reject(err));
    }
  }

  /** Sends the transaction; returns DynamoDB's per-action reasons if it was cancelled. */
  private async sendNamedTransaction(
    entries: CostLedgerEntry[],
  ): Promise<Array<{ Code?: string }> | undefined> {
    const table = this.o.table;
    const updatedAt = isoMillis(this.o.now());
    // Markers guard the whole transaction, so its rollup additions need no flush mark.
    const rollups =
      this.o.rollups === 'incremental'
        ? [...groupForRollup(entries).values()].map(g => ({
            Update: rollupIncrementInput(table, g, updatedAt),
          }))
        : [];
    const TransactItems = [
      // Marker at 2i, entry at 2i + 1: the cancellation reasons are read by position.
      ...entries.flatMap(entry => [
        {
          Put: {
            TableName: table,
            Item: {
              ...entryIdMarkerKey(entry.entryId),
              recordType: RECORD_TYPES.entryIdMarker,
              entryPk: entry.pk,
              entrySk: entry.sk,
              ttl: entry.ttl,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: table, Item: entry } },
      ]),
      ...rollups,
    ];
    // A batch holds at most 25 entries with one rollup each: 75 actions at most.
    if (TransactItems.length > MAX_TRANSACT_ITEMS) {
      throw new Error(`${TransactItems.length} actions in one transaction`);
    }
    try {
      await this.o.doc.send(new TransactWriteCommand({ TransactItems }));
      this.o.onRollupsChanged?.([...new Set(entries.map(e => e.date))]);
      return undefined;
    } catch (err) {
      // By name: the document client may hold another copy of the SDK's classes.
      if ((err as Error)?.name === 'TransactionCanceledException') {
        return (err as TransactionCanceledException).CancellationReasons ?? [];
      }
      if (isServerError(err)) return [{ Code: 'InternalServerError' }];
      throw err;
    }
  }

  /** The copy of an already-recorded entry, as its first write stored it. */
  private async storedEntry(entry: CostLedgerEntry): Promise<CostLedgerEntry> {
    const { Item: marker } = await this.o.doc.send(
      new GetCommand({
        TableName: this.o.table,
        Key: entryIdMarkerKey(entry.entryId),
        ConsistentRead: true,
      }),
    );
    if (!marker) return entry;
    const { Item } = await this.o.doc.send(
      new GetCommand({
        TableName: this.o.table,
        Key: { pk: marker.entryPk, sk: marker.entrySk },
        ConsistentRead: true,
      }),
    );
    return (Item as CostLedgerEntry | undefined) ?? entry;
  }

  private delays(): number[] {
    return backoffDelays({
      attempts: this.o.retry.maxRetries + 1,
      baseDelayMs: this.o.retry.baseDelayMs,
      maxDelayMs: this.o.retry.maxDelayMs,
    });
  }
}

function itemKey(item: { pk?: unknown; sk?: unknown } | undefined): string {
  return `${item?.pk}|${item?.sk}`;
}

/** A 5xx answer: DynamoDB's InternalServerError is retryable. */
function isServerError(err: unknown): boolean {
  return (statusOf(err) ?? 0) >= 500;
}

function statusOf(err: unknown): number | undefined {
  const e = err as {
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number };
  };
  return e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode;
}

const THROTTLING_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
]);

/**
 * Worth sending again: throttling, a 5xx, or no answer at all (timeout, reset
 * connection). A 4xx such as a ValidationException would fail the same way again.
 */
function isRetryable(err: unknown): boolean {
  const status = statusOf(err);
  return (
    THROTTLING_ERRORS.has((err as Error)?.name) ||
    status === undefined ||
    status >= 500
  );
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function mapWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}
