import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
  UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  AI_PROVIDERS,
  AiProvider,
  ALERT_RETENTION_DAYS,
  ALERT_TYPES,
  AlertSeverity,
  AlertType,
  COST_RETENTION_DAYS,
  CostTableNames,
  DEFAULT_TABLE_NAMES,
  INDEXES,
  MAX_BATCH_WRITE_ITEMS,
  MAX_TRANSACT_ITEMS,
  RECORD_TYPES,
} from './constants';
import {
  backoffDelays,
  realSleep,
  retryWithBackoff,
  RetriesExhaustedError,
  Sleep,
  withJitter,
} from './backoff';
import { CostLedgerWriteError, CostValidationError } from './errors';
import {
  alertPartitionKey,
  costEntryKey,
  entryIdMarkerKey,
  prefixUpperBound,
  rollupGroupId,
  rollupKey,
  ROLLUP_PK,
  stableAlertId,
} from './keys';
import { microsToUsd, sumMicros, usdToMicros } from './money';
import {
  alertInputSchema,
  AlertInput,
  BudgetOptions,
  budgetOptionsSchema,
  CostEntryInput,
  costEntryInputSchema,
  agentSchema,
  dateRangeSchema,
  DateRange,
  daySchema,
  parseOrThrow,
  providerSchema,
} from './schemas';
import {
  firstRetainedDay,
  isExpired,
  isoMillis,
  isoSeconds,
  ttlFor,
  utcDay,
  utcMonth,
} from './time';
import { z } from 'zod';

/** One ledger entry as stored in the aiCosts table. */
export interface CostLedgerEntry {
  pk: string;
  sk: string;
  recordType: typeof RECORD_TYPES.entry;
  entryId: string;
  /** `YYYY-MM-DD`, UTC day of `timestamp`. */
  date: string;
  /** ISO 8601 with milliseconds, UTC. */
  timestamp: string;
  provider: AiProvider;
  agent: string;
  /** The seed's `type`. */
  model: string;
  amountMicros: number;
  inputTokens: number;
  outputTokens: number;
  /** inputTokens + outputTokens (the seed's `tokens`). */
  tokens: number;
  requests: number;
  /** Epoch seconds: timestamp + 90 days. */
  ttl: number;
}

/** Per day, provider, agent and model: the sums of that day's entries. Never expires. */
export interface DailyRollup {
  pk: string;
  sk: string;
  recordType: typeof RECORD_TYPES.rollup;
  date: string;
  provider: AiProvider;
  agent: string;
  model: string;
  amountMicros: number;
  inputTokens: number;
  outputTokens: number;
  tokens: number;
  requests: number;
  entryCount: number;
  updatedAt: string;
}

export interface CostAlert {
  pk: string;
  /** `YYYY-MM-DDTHH:mm:ssZ` (seed). */
  sk: string;
  alertId: string;
  alertType: AlertType;
  severity: AlertSeverity;
  message: string;
  amountMicros: number;
  thresholdMicros: number;
  /** Whether the SNS notification went out. */
  notified: boolean;
  notifyAttempts: number;
  notifiedAt?: string;
  snsMessageId?: string;
  lastNotifyError?: string;
  /** Same value as `sk`; the range key of the byAlertType index. */
  createdAt: string;
  /** Epoch seconds: createdAt + 30 days. */
  ttl: number;
}

export interface RaiseAlertResult {
  alert: CostAlert;
  /** The alert row already existed (same alertId) and was already notified. */
  deduplicated: boolean;
}

export interface BudgetCheckResult {
  month: string;
  monthToDateMicros: number;
  todayMicros: number;
  /** Thresholds reached, with the alert row each one has. */
  reached: Array<{
    alertType: AlertType;
    thresholdMicros: number;
    percent?: number;
    alert: CostAlert;
    deduplicated: boolean;
  }>;
  exceeded: boolean;
}

type WriteRequests = NonNullable<
  BatchWriteCommandInput['RequestItems']
>[string];
type DocumentClientLike = Pick<DynamoDBDocumentClient, 'send'>;
type SnsClientLike = Pick<SNSClient, 'send'>;

export interface EnhancedCostMonitoringOptions {
  /** A DynamoDBClient (wrapped in a document client here) or a document client. */
  dynamoDb: DynamoDBClient | DocumentClientLike;
  /** Needed for alert notifications; without it alerts are stored with notified=false. */
  sns?: SnsClientLike;
  /** The cost-alert topic (seed: huntaze-cost-alerts). */
  alertTopicArn?: string;
  tables?: Partial<CostTableNames>;
  budget?: BudgetOptions;
  /** The clock. Every TTL, default timestamp and "is it expired" check reads it. */
  now?: () => Date;
  sleep?: Sleep;
  /** Random source for write-retry jitter, in [0, 1). */
  random?: () => number;
  /**
   * `incremental` (default): every flush adds its entries to the daily rollups.
   * `deferred`: only `rebuildDailyRollups` writes rollups (bulk loads, backfills).
   */
  rollups?: 'incremental' | 'deferred';
  batching?: {
    /** How long `trackCost` waits for companions before a partial batch is sent (default 5 ms). */
    lingerMs?: number;
    /** BatchWriteItem calls in flight at once (default 4). */
    maxConcurrentBatches?: number;
    /** Retries of UnprocessedItems (default 8), exponential from `baseDelayMs` (50) to `maxDelayMs` (5000). */
    maxRetries?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
  };
  notify?: {
    /** SNS publish attempts (seed: 3). */
    attempts?: number;
    /** Delay before the 2nd attempt, doubled for each next one (default 200 ms). */
    baseDelayMs?: number;
  };
  /** Called by `close()`, e.g. to destroy clients the monitor owns. */
  onClose?: () => void;
}

interface Pending {
  entry: CostLedgerEntry;
  /** The caller named the entry (entryId): it is written exactly once, see writeNamed. */
  named: boolean;
  resolve: (entry: CostLedgerEntry) => void;
  reject: (err: unknown) => void;
}

const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The seed's EnhancedCostMonitoring over the AI-cost ledger and the cost-alert table.
 * Takes its AWS clients and clock from the caller; builds nothing from the environment
 * (see `createCostMonitoringFromEnv` for that).
 */
export class EnhancedCostMonitoring {
  readonly tables: Readonly<CostTableNames>;
  private readonly doc: DocumentClientLike;
  private readonly sns?: SnsClientLike;
  private readonly topicArn?: string;
  private readonly budget?: z.output<typeof budgetOptionsSchema>;
  private readonly now: () => Date;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly rollupMode: 'incremental' | 'deferred';
  private readonly batchDelayMs: number;
  private readonly maxConcurrentBatches: number;
  private readonly writeRetry: {
    maxRetries: number;
    baseDelayMs: number;
    maxDelayMs: number;
  };
  private readonly notifyAttempts: number;
  private readonly notifyBaseDelayMs: number;
  private readonly onClose?: () => void;

  private pending: Pending[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private readonly inflight = new Set<Promise<void>>();
  private slots = 0;
  private rollupPending = new Map<string, RollupSums>();
  private rollupWaiters: Array<{
    resolve: () => void;
    reject: (err: unknown) => void;
  }> = [];
  private rollupRunning?: Promise<void>;
  private namedWrites: Promise<void> = Promise.resolve();
  private readonly slotWaiters: Array<() => void> = [];

  constructor(options: EnhancedCostMonitoringOptions) {
    this.doc =
      options.dynamoDb instanceof DynamoDBClient
        ? DynamoDBDocumentClient.from(options.dynamoDb, {
            marshallOptions: { removeUndefinedValues: true },
          })
        : options.dynamoDb;
    this.sns = options.sns;
    this.topicArn = options.alertTopicArn;
    this.tables = Object.freeze({ ...DEFAULT_TABLE_NAMES, ...options.tables });
    this.budget = options.budget
      ? parseOrThrow(budgetOptionsSchema, options.budget, 'budget.')
      : undefined;
    this.now = options.now ?? (() => new Date());
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.rollupMode = options.rollups ?? 'incremental';
    this.batchDelayMs = options.batching?.lingerMs ?? 5;
    this.maxConcurrentBatches = options.batching?.maxConcurrentBatches ?? 4;
    this.writeRetry = {
      maxRetries: options.batching?.maxRetries ?? 8,
      baseDelayMs: options.batching?.baseDelayMs ?? 50,
      maxDelayMs: options.batching?.maxDelayMs ?? 5_000,
    };
    this.notifyAttempts = options.notify?.attempts ?? 3;
    this.notifyBaseDelayMs = options.notify?.baseDelayMs ?? 200;
    this.onClose = options.onClose;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Records one cost. Validated first (a CostValidationError names the field; nothing
   * is written), then queued: calls made together share BatchWriteItem requests of up
   * to 25 items. Resolves with the stored entry once its batch is written.
   */
  async trackCost(input: CostEntryInput): Promise<CostLedgerEntry> {
    const entry = this.toEntry(input, '');
    return this.enqueue([{ entry, named: this.isExactlyOnce(input) }])[0];
  }

  /**
   * Records many costs. All are validated before any is written: one bad entry rejects
   * the call and nothing is stored.
   */
  async trackCosts(
    inputs: readonly CostEntryInput[],
  ): Promise<CostLedgerEntry[]> {
    const entries = inputs.map((input, i) => ({
      entry: this.toEntry(input, `entries[${i}].`),
      named: this.isExactlyOnce(input),
    }));
    return Promise.all(this.enqueue(entries));
  }

  /**
   * A named entry (the caller gave an entryId) is written exactly once when rollups are
   * added per write. In `deferred` mode (bulk loads, backfills) rollups are rebuilt from
   * the entries, so a plain put is enough, and a reload may overwrite an entry.
   */
  private isExactlyOnce(input: CostEntryInput): boolean {
    return this.rollupMode === 'incremental' && isNamed(input);
  }

  /** Sends everything queued and waits for every write in flight. */
  async flush(): Promise<void> {
    this.drain(true);
    while (this.inflight.size > 0) {
      await Promise.allSettled([...this.inflight]);
    }
  }

  /** Flushes, then releases owned clients (see `onClose`). */
  async close(): Promise<void> {
    await this.flush();
    this.onClose?.();
  }

  /** Validates an input and builds the item: keys, micro-dollars, TTL. Pure apart from the clock. */
  private toEntry(input: CostEntryInput, prefix: string): CostLedgerEntry {
    const parsed = parseOrThrow(costEntryInputSchema, input, prefix);
    const now = this.now();
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

  private enqueue(
    entries: Array<{ entry: CostLedgerEntry; named: boolean }>,
  ): Promise<CostLedgerEntry>[] {
    const promises = entries.map(
      ({ entry, named }) =>
        new Promise<CostLedgerEntry>((resolve, reject) => {
          this.pending.push({ entry, named, resolve, reject });
        }),
    );
    this.drain(false);
    if (this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drain(true);
      }, this.batchDelayMs);
    }
    return promises;
  }

  /** Sends full batches; with `all`, the partial last one too. */
  private drain(all: boolean): void {
    while (
      this.pending.length >= MAX_BATCH_WRITE_ITEMS ||
      (all && this.pending.length > 0)
    ) {
      const batch = takeBatch(this.pending);
      const run = this.writeBatch(batch).finally(() =>
        this.inflight.delete(run),
      );
      this.inflight.add(run);
    }
    if (all && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private async acquireSlot(): Promise<void> {
    while (this.slots >= this.maxConcurrentBatches) {
      await new Promise<void>(resolve => this.slotWaiters.push(resolve));
    }
    this.slots++;
  }

  private releaseSlot(): void {
    this.slots--;
    this.slotWaiters.shift()?.();
  }

  /**
   * Writes one batch: named entries (the caller gave an entryId) exactly once in one
   * transaction, the others by BatchWriteItem.
   */
  private async writeBatch(batch: Pending[]): Promise<void> {
    await this.acquireSlot();
    try {
      await Promise.all([
        this.writeNamed(batch.filter(p => p.named)),
        this.writeUnnamed(batch.filter(p => !p.named)),
      ]);
    } finally {
      this.releaseSlot();
    }
  }

  /**
   * Entries with a caller-given entryId, which the caller may send again (a retry after
   * a timeout, a redelivered message). One TransactWriteItems: per entry a marker keyed
   * by the entryId alone, put only if absent, and the entry; then one ADD per rollup.
   * If a marker exists, DynamoDB cancels the whole transaction and names it: that entry
   * is already recorded (its stored copy is returned) and the rest is sent again. So a
   * resend, or two writers of the same entry at once, leaves one item and one addition.
   */
  private writeNamed(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return Promise.resolve();
    // One transaction in flight per instance: concurrent transactions that add to the
    // same rollup item would cancel each other (TransactionConflict) and retry.
    const run = this.namedWrites.then(() => this.writeNamedNow(batch));
    this.namedWrites = run.catch(() => undefined);
    return run;
  }

  private async writeNamedNow(batch: Pending[]): Promise<void> {
    const byId = new Map<string, Pending[]>();
    for (const p of batch) {
      byId.set(p.entry.entryId, [...(byId.get(p.entry.entryId) ?? []), p]);
    }
    const settle = (entryId: string, outcome: (p: Pending) => void) =>
      byId.get(entryId)!.forEach(outcome);
    let left = [...byId.values()].map(ps => ps[0].entry);
    const delays = backoffDelays({
      attempts: this.writeRetry.maxRetries + 1,
      baseDelayMs: this.writeRetry.baseDelayMs,
      maxDelayMs: this.writeRetry.maxDelayMs,
    });
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
        if (attempt >= this.writeRetry.maxRetries) {
          throw new CostLedgerWriteError(
            left.map(e => e.entryId),
            attempt + 1,
          );
        }
        await this.sleep(withJitter(delays[attempt], this.random));
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
    const updatedAt = isoMillis(this.now());
    const rollups =
      this.rollupMode === 'incremental'
        ? [...groupForRollup(entries).values()].map(g => ({
            Update: this.rollupIncrement(g, updatedAt),
          }))
        : [];
    const TransactItems = [
      // Marker at 2i, entry at 2i + 1: the cancellation reasons are read by position.
      ...entries.flatMap(entry => [
        {
          Put: {
            TableName: this.tables.aiCosts,
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
        { Put: { TableName: this.tables.aiCosts, Item: entry } },
      ]),
      ...rollups,
    ];
    // A batch holds at most 25 entries with one rollup each: 75 actions at most.
    if (TransactItems.length > MAX_TRANSACT_ITEMS) {
      throw new Error(`${TransactItems.length} actions in one transaction`);
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems }));
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
    const { Item: marker } = await this.doc.send(
      new GetCommand({
        TableName: this.tables.aiCosts,
        Key: entryIdMarkerKey(entry.entryId),
        ConsistentRead: true,
      }),
    );
    if (!marker) return entry;
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tables.aiCosts,
        Key: { pk: marker.entryPk, sk: marker.entrySk },
        ConsistentRead: true,
      }),
    );
    return (Item as CostLedgerEntry | undefined) ?? entry;
  }

  /** One BatchWriteItem (plus retries of UnprocessedItems), then the rollup increments. */
  private async writeUnnamed(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      const keyOf = (e: { pk?: unknown; sk?: unknown }) => `${e.pk}|${e.sk}`;
      const unique = uniqueEntries(batch.map(p => p.entry));
      const left = await this.batchWrite(
        unique.map(Item => ({ PutRequest: { Item } })),
      );
      const failedKeys = new Set(
        left.map(r => keyOf(r.PutRequest?.Item ?? {})),
      );
      const written = batch.filter(p => !failedKeys.has(keyOf(p.entry)));
      const unprocessed = batch.filter(p => failedKeys.has(keyOf(p.entry)));
      if (this.rollupMode === 'incremental') {
        await this.addToRollups(uniqueEntries(written.map(p => p.entry)));
      }
      if (unprocessed.length > 0) {
        const error = new CostLedgerWriteError(
          [...new Set(unprocessed.map(p => p.entry.entryId))],
          this.writeRetry.maxRetries + 1,
        );
        for (const p of unprocessed) p.reject(error);
      }
      for (const p of written) p.resolve(p.entry);
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  /**
   * Adds a batch's sums to the daily rollups. Increments from batches that finish while
   * a round of updates is running are merged and sent in the next round: one
   * UpdateItem per day/provider/agent/model per round, and never two updates of the
   * same rollup item in flight from this instance. Resolves once the batch's
   * increments are stored.
   */
  private addToRollups(entries: CostLedgerEntry[]): Promise<void> {
    mergeRollupSums(this.rollupPending, groupForRollup(entries));
    return new Promise<void>((resolve, reject) => {
      this.rollupWaiters.push({ resolve, reject });
      this.rollupRunning ??= this.runRollupRounds();
    });
  }

  private async runRollupRounds(): Promise<void> {
    while (this.rollupPending.size > 0) {
      const groups = this.rollupPending;
      const waiters = this.rollupWaiters;
      this.rollupPending = new Map();
      this.rollupWaiters = [];
      try {
        await this.applyRollupIncrements(groups);
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.rollupRunning = undefined;
  }

  /** One UpdateItem ADD per rollup item, all items distinct. */
  private async applyRollupIncrements(
    groups: Map<string, RollupSums>,
  ): Promise<void> {
    const updatedAt = isoMillis(this.now());
    await Promise.all(
      [...groups.values()].map(g =>
        this.doc.send(new UpdateCommand(this.rollupIncrement(g, updatedAt))),
      ),
    );
  }

  /** Adds one group's sums to its daily rollup item (created on the first addition). */
  private rollupIncrement(
    g: RollupSums,
    updatedAt: string,
  ): UpdateCommandInput & { UpdateExpression: string } {
    return {
      TableName: this.tables.aiCosts,
      Key: rollupKey(g),
      UpdateExpression:
        'ADD #amountMicros :amount, #inputTokens :in, #outputTokens :out, #tokens :tokens, #requests :requests, #entryCount :count ' +
        'SET #recordType = :type, #date = :date, #provider = :provider, #agent = :agent, #model = :model, #updatedAt = :updatedAt',
      ExpressionAttributeNames: names(
        'amountMicros',
        'inputTokens',
        'outputTokens',
        'tokens',
        'requests',
        'entryCount',
        'recordType',
        'date',
        'provider',
        'agent',
        'model',
        'updatedAt',
      ),
      ExpressionAttributeValues: {
        ':amount': g.amountMicros,
        ':in': g.inputTokens,
        ':out': g.outputTokens,
        ':tokens': g.tokens,
        ':requests': g.requests,
        ':count': g.entryCount,
        ':type': RECORD_TYPES.rollup,
        ':date': g.date,
        ':provider': g.provider,
        ':agent': g.agent,
        ':model': g.model,
        ':updatedAt': updatedAt,
      },
    };
  }

  /**
   * Recomputes one day's rollups from its ledger entries and overwrites them (exact and
   * idempotent): for `rollups: 'deferred'`, after a failed flush, or as a nightly check.
   * Only for days whose entries are all still inside the 90-day retention.
   */
  async rebuildDailyRollups(date: string): Promise<DailyRollup[]> {
    parseOrThrow(daySchema, date, 'date');
    return this.rebuildRollups({ from: date, to: date });
  }

  /**
   * `rebuildDailyRollups` for a range of days at once: one Query per provider on
   * `byProvider`, one on the rollups, then batched puts (and deletes of rollups whose
   * entries are gone).
   */
  async rebuildRollups(range: DateRange): Promise<DailyRollup[]> {
    const { from, to } = this.resolveRange(range);
    const now = this.now();
    if (from < firstRetainedDay(now, COST_RETENTION_DAYS)) {
      throw CostValidationError.of(
        range.from === range.to ? 'date' : 'range.from',
        `entries of ${from} are past the ${COST_RETENTION_DAYS}-day retention; its rollups cannot be rebuilt`,
      );
    }
    const entries: CostLedgerEntry[] = [];
    for (const provider of AI_PROVIDERS) {
      entries.push(
        ...(await this.queryEntries(INDEXES.byProvider, 'provider', provider, {
          from,
          to,
        })),
      );
    }
    const updatedAt = isoMillis(now);
    const rollups: DailyRollup[] = [...groupForRollup(entries).values()]
      .map(g => ({
        ...rollupKey(g),
        recordType: RECORD_TYPES.rollup,
        ...g,
        updatedAt,
      }))
      .sort((a, b) => a.sk.localeCompare(b.sk));
    const keep = new Set(rollups.map(r => r.sk));
    const stale = (await this.getDailyRollups({ from, to })).filter(
      r => !keep.has(r.sk),
    );
    const requests = [
      ...rollups.map(Item => ({ PutRequest: { Item } })),
      ...stale.map(r => ({ DeleteRequest: { Key: { pk: r.pk, sk: r.sk } } })),
    ];
    for (let i = 0; i < requests.length; i += MAX_BATCH_WRITE_ITEMS) {
      await this.batchWriteAll(requests.slice(i, i + MAX_BATCH_WRITE_ITEMS));
    }
    return rollups;
  }

  private async batchWriteAll(requests: WriteRequests): Promise<void> {
    const left = await this.batchWrite(requests);
    if (left.length > 0) {
      throw new CostLedgerWriteError([], this.writeRetry.maxRetries + 1);
    }
  }

  /**
   * One BatchWriteItem (≤ 25 requests), re-sending UnprocessedItems with exponential
   * backoff and jitter. Returns what is still unprocessed after the last retry.
   */
  private async batchWrite(requests: WriteRequests): Promise<WriteRequests> {
    const table = this.tables.aiCosts;
    const delays = backoffDelays({
      attempts: this.writeRetry.maxRetries + 1,
      baseDelayMs: this.writeRetry.baseDelayMs,
      maxDelayMs: this.writeRetry.maxDelayMs,
    });
    let left = requests;
    for (let attempt = 0; ; attempt++) {
      const res: BatchWriteCommandOutput = await this.doc.send(
        new BatchWriteCommand({ RequestItems: { [table]: left } }),
      );
      left = res.UnprocessedItems?.[table] ?? [];
      if (left.length === 0 || attempt >= this.writeRetry.maxRetries)
        return left;
      await this.sleep(withJitter(delays[attempt], this.random));
    }
  }

  // ---------------------------------------------------------------- reads

  /** Total AI cost of one UTC day in USD (seed signature), from the daily rollups. */
  async getDailyCosts(date: string): Promise<number> {
    return microsToUsd(await this.getDailyCostMicros(date));
  }

  /**
   * Total of one day in micro-dollars. Reads the rollups; a day without rollup rows that
   * is still inside retention (e.g. written with `rollups: 'deferred'`) is summed from
   * its entries instead.
   */
  async getDailyCostMicros(date: string): Promise<number> {
    parseOrThrow(daySchema, date, 'date');
    const rollups = await this.getDailyRollups({ from: date, to: date });
    if (rollups.length > 0) return sumMicros(rollups.map(r => r.amountMicros));
    if (date < firstRetainedDay(this.now(), COST_RETENTION_DAYS)) return 0;
    const entries = await this.getCostsByDate(date);
    return sumMicros(entries.map(e => e.amountMicros));
  }

  /** Ledger entries of one provider, oldest first; one Query on `byProvider`. */
  async getCostsByProvider(
    provider: string,
    range: DateRange = {},
  ): Promise<CostLedgerEntry[]> {
    const p = parseOrThrow(providerSchema, provider, 'provider');
    return this.queryEntries(INDEXES.byProvider, 'provider', p, range);
  }

  /** Ledger entries of one agent, oldest first; one Query on `byAgent`. */
  async getCostsByAgent(
    agent: string,
    range: DateRange = {},
  ): Promise<CostLedgerEntry[]> {
    const a = parseOrThrow(agentSchema, agent, 'agent');
    return this.queryEntries(INDEXES.byAgent, 'agent', a, range);
  }

  /** Ledger entries of one UTC day, all providers; one Query on `byDate`. */
  async getCostsByDate(date: string): Promise<CostLedgerEntry[]> {
    const d = parseOrThrow(daySchema, date, 'date');
    return this.queryEntries(INDEXES.byDate, 'date', d, { from: d, to: d });
  }

  /**
   * Daily rollups for a date range (default: the last 90 days), sorted by day; one
   * Query on the rollup partition. Rollups outlive the entries' TTL.
   */
  async getDailyRollups(range: DateRange = {}): Promise<DailyRollup[]> {
    const { from, to } = this.resolveRange(range);
    const items = await this.queryAll({
      TableName: this.tables.aiCosts,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: names('pk', 'sk'),
      ExpressionAttributeValues: {
        ':pk': ROLLUP_PK,
        ':from': from,
        ':to': prefixUpperBound(to),
      },
    });
    return items as DailyRollup[];
  }

  private resolveRange(range: DateRange): { from: string; to: string } {
    const r = parseOrThrow(dateRangeSchema, range, 'range.');
    const now = this.now();
    const to = r.to ?? utcDay(now);
    const from = r.from ?? firstRetainedDay(now, COST_RETENTION_DAYS);
    if (from > to) {
      throw CostValidationError.of('range.from', 'must not be after to');
    }
    return { from, to };
  }

  private async queryEntries(
    IndexName: string,
    hashAttribute: 'provider' | 'agent' | 'date',
    hashValue: string,
    range: DateRange,
  ): Promise<CostLedgerEntry[]> {
    const { from, to } = this.resolveRange(range);
    const now = this.now();
    const items = await this.queryAll({
      TableName: this.tables.aiCosts,
      IndexName,
      KeyConditionExpression: '#h = :h AND #ts BETWEEN :from AND :to',
      // Expired items can linger for days before DynamoDB deletes them.
      FilterExpression: '#ttl > :now',
      ExpressionAttributeNames: {
        '#h': hashAttribute,
        '#ts': 'timestamp',
        '#ttl': 'ttl',
      },
      ExpressionAttributeValues: {
        ':h': hashValue,
        ':from': from,
        ':to': prefixUpperBound(to),
        ':now': Math.floor(now.getTime() / 1000),
      },
    });
    return (items as CostLedgerEntry[]).filter(e => !isExpired(e.ttl, now));
  }

  private async queryAll(
    input: QueryCommandInput,
  ): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.doc.send(
        new QueryCommand({ ...input, ExclusiveStartKey }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  // ---------------------------------------------------------------- alerts

  /**
   * True when month-to-date AI spend reached any configured threshold (or today's
   * spend the daily limit). Each threshold reached raises one alert per period.
   */
  async checkBudgetThreshold(): Promise<boolean> {
    return (await this.checkBudget()).exceeded;
  }

  /** The same check with the numbers and the alert rows. */
  async checkBudget(): Promise<BudgetCheckResult> {
    const budget = this.budget;
    if (!budget || (!budget.monthlyLimitUsd && !budget.dailyLimitUsd)) {
      throw CostValidationError.of(
        'budget',
        'no monthlyLimitUsd or dailyLimitUsd configured',
      );
    }
    const now = this.now();
    const today = utcDay(now);
    const month = utcMonth(now);
    const rollups = await this.getDailyRollups({
      from: `${month}-01`,
      to: today,
    });
    const monthToDateMicros = sumMicros(rollups.map(r => r.amountMicros));
    const todayMicros = sumMicros(
      rollups.filter(r => r.date === today).map(r => r.amountMicros),
    );
    const result: BudgetCheckResult = {
      month,
      monthToDateMicros,
      todayMicros,
      reached: [],
      exceeded: false,
    };
    if (budget.monthlyLimitUsd) {
      const limitMicros = usdToMicros(budget.monthlyLimitUsd);
      for (const percent of [...budget.thresholdsPercent].sort(
        (a, b) => a - b,
      )) {
        const thresholdMicros = Math.round((limitMicros * percent) / 100);
        if (monthToDateMicros < thresholdMicros) continue;
        const { alert, deduplicated } = await this.raiseAlert({
          alertId: stableAlertId(`budget_threshold|${month}|${percent}`),
          alertType: 'budget_threshold',
          severity: percent >= 100 ? 'critical' : 'warning',
          message: `AI spend for ${month} is ${usd(
            monthToDateMicros,
          )}, ${percent}% threshold of the ${usd(
            limitMicros,
          )} monthly budget reached`,
          amountUsd: microsToUsd(monthToDateMicros),
          thresholdUsd: microsToUsd(thresholdMicros),
        });
        result.reached.push({
          alertType: 'budget_threshold',
          thresholdMicros,
          percent,
          alert,
          deduplicated,
        });
      }
    }
    if (budget.dailyLimitUsd) {
      const thresholdMicros = usdToMicros(budget.dailyLimitUsd);
      if (todayMicros >= thresholdMicros) {
        const { alert, deduplicated } = await this.raiseAlert({
          alertId: stableAlertId(`daily_limit|${today}`),
          alertType: 'daily_limit',
          severity: 'critical',
          message: `AI spend on ${today} is ${usd(
            todayMicros,
          )}, daily limit ${usd(thresholdMicros)} reached`,
          amountUsd: microsToUsd(todayMicros),
          thresholdUsd: microsToUsd(thresholdMicros),
        });
        result.reached.push({
          alertType: 'daily_limit',
          thresholdMicros,
          alert,
          deduplicated,
        });
      }
    }
    result.exceeded = result.reached.length > 0;
    return result;
  }

  /**
   * Stores an alert row (notified=false) first, so nothing is lost, then publishes it
   * to SNS with 3 attempts and exponential backoff, and marks the row notified. When
   * every attempt fails the row stays notified=false with the last error. Raising an
   * existing alertId again only retries the notification if it never went out.
   */
  async raiseAlert(input: AlertInput): Promise<RaiseAlertResult> {
    const parsed = parseOrThrow(alertInputSchema, input);
    const now = this.now();
    if (parsed.alertId) {
      const existing = await this.findAlert(parsed.alertId);
      if (existing?.notified) return { alert: existing, deduplicated: true };
      if (existing)
        return { alert: await this.notify(existing), deduplicated: false };
    }
    const alertId = parsed.alertId ?? randomUUID();
    const createdAt = isoSeconds(parsed.createdAt ?? now);
    const alert: CostAlert = {
      pk: alertPartitionKey(alertId),
      sk: createdAt,
      alertId,
      alertType: parsed.alertType,
      severity: parsed.severity,
      message: parsed.message,
      amountMicros: usdToMicros(parsed.amountUsd),
      thresholdMicros: usdToMicros(parsed.thresholdUsd),
      notified: false,
      notifyAttempts: 0,
      createdAt,
      ttl: ttlFor(new Date(createdAt), ALERT_RETENTION_DAYS),
    };
    await this.doc.send(
      new PutCommand({
        TableName: this.tables.costAlerts,
        Item: alert,
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: names('pk'),
      }),
    );
    return { alert: await this.notify(alert), deduplicated: false };
  }

  /** Alerts, newest first; one Query on `byAlertType` per type asked for. Expired rows are left out. */
  async listAlerts(
    options: { alertType?: AlertType; since?: Date } = {},
  ): Promise<CostAlert[]> {
    const types = options.alertType
      ? [parseOrThrow(z.enum(ALERT_TYPES), options.alertType, 'alertType')]
      : ALERT_TYPES;
    const now = this.now();
    const since = isoSeconds(
      options.since ??
        new Date(now.getTime() - ALERT_RETENTION_DAYS * 86_400_000),
    );
    const all: CostAlert[] = [];
    for (const alertType of types) {
      const items = await this.queryAll({
        TableName: this.tables.costAlerts,
        IndexName: INDEXES.byAlertType,
        KeyConditionExpression: '#alertType = :t AND #createdAt >= :since',
        FilterExpression: '#ttl > :now',
        ExpressionAttributeNames: names('alertType', 'createdAt', 'ttl'),
        ExpressionAttributeValues: {
          ':t': alertType,
          ':since': since,
          ':now': Math.floor(now.getTime() / 1000),
        },
        ScanIndexForward: false,
      });
      all.push(...(items as CostAlert[]));
    }
    return all
      .filter(a => !isExpired(a.ttl, now))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private async findAlert(alertId: string): Promise<CostAlert | undefined> {
    const now = this.now();
    const items = await this.queryAll({
      TableName: this.tables.costAlerts,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: names('pk'),
      ExpressionAttributeValues: { ':pk': alertPartitionKey(alertId) },
    });
    return (items as CostAlert[])
      .filter(a => !isExpired(a.ttl, now))
      .sort((a, b) => b.sk.localeCompare(a.sk))[0];
  }

  private async notify(alert: CostAlert): Promise<CostAlert> {
    const key = { pk: alert.pk, sk: alert.sk };
    const outcome = await this.publish(alert);
    if (outcome.ok) {
      const notifiedAt = isoMillis(this.now());
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tables.costAlerts,
          Key: key,
          UpdateExpression:
            'SET #notified = :true, #notifiedAt = :at, #snsMessageId = :id ADD #notifyAttempts :n REMOVE #lastNotifyError',
          ExpressionAttributeNames: names(
            'notified',
            'notifiedAt',
            'snsMessageId',
            'notifyAttempts',
            'lastNotifyError',
          ),
          ExpressionAttributeValues: {
            ':true': true,
            ':at': notifiedAt,
            ':id': outcome.messageId,
            ':n': outcome.attempts,
          },
        }),
      );
      const { lastNotifyError: _cleared, ...rest } = alert;
      return {
        ...rest,
        notified: true,
        notifiedAt,
        snsMessageId: outcome.messageId,
        notifyAttempts: alert.notifyAttempts + outcome.attempts,
      };
    }
    // The row keeps notified=false: the next check, or the daily review, picks it up.
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tables.costAlerts,
        Key: key,
        UpdateExpression:
          'SET #notified = :false, #lastNotifyError = :e ADD #notifyAttempts :n',
        ExpressionAttributeNames: names(
          'notified',
          'lastNotifyError',
          'notifyAttempts',
        ),
        ExpressionAttributeValues: {
          ':false': false,
          ':e': outcome.error,
          ':n': outcome.attempts,
        },
      }),
    );
    return {
      ...alert,
      notified: false,
      lastNotifyError: outcome.error,
      notifyAttempts: alert.notifyAttempts + outcome.attempts,
    };
  }

  /** SNS publish with `notify.attempts` tries and exponential backoff. Never throws. */
  private async publish(
    alert: CostAlert,
  ): Promise<
    | { ok: true; messageId: string; attempts: number }
    | { ok: false; error: string; attempts: number }
  > {
    const sns = this.sns;
    const TopicArn = this.topicArn;
    if (!sns || !TopicArn) {
      return {
        ok: false,
        error: 'no SNS client or alert topic configured',
        attempts: 0,
      };
    }
    try {
      const { value, attempts } = await retryWithBackoff(
        () =>
          sns.send(
            new PublishCommand({
              TopicArn,
              Subject: `[${alert.severity}] Huntaze cost alert: ${alert.alertType}`,
              Message: JSON.stringify({
                alertId: alert.alertId,
                alertType: alert.alertType,
                severity: alert.severity,
                message: alert.message,
                amountUsd: microsToUsd(alert.amountMicros),
                thresholdUsd: microsToUsd(alert.thresholdMicros),
                createdAt: alert.createdAt,
              }),
              MessageAttributes: {
                alertType: { DataType: 'String', StringValue: alert.alertType },
                severity: { DataType: 'String', StringValue: alert.severity },
              },
            }),
          ),
        {
          attempts: this.notifyAttempts,
          baseDelayMs: this.notifyBaseDelayMs,
          sleep: this.sleep,
        },
      );
      return { ok: true, messageId: value.MessageId ?? '', attempts };
    } catch (err) {
      const exhausted = err instanceof RetriesExhaustedError;
      const cause = exhausted ? err.cause : err;
      const error = (
        cause instanceof Error
          ? `${cause.name}: ${cause.message}`
          : String(cause)
      ).slice(0, 1000);
      return { ok: false, error, attempts: exhausted ? err.attempts : 1 };
    }
  }
}

/** `#name` placeholders for attribute names: many plain words (agent, date, ttl) are reserved. */
/** A 5xx answer: DynamoDB's InternalServerError is retryable. */
function isServerError(err: unknown): boolean {
  const e = err as {
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number };
  };
  const status = e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode;
  return status !== undefined && status >= 500;
}

/** Whether the caller named the entry, and so may send it again. */
function isNamed(input: CostEntryInput): boolean {
  return typeof input?.entryId === 'string';
}

function names(...attributes: string[]): Record<string, string> {
  return Object.fromEntries(attributes.map(a => [`#${a}`, a]));
}

function usd(micros: number): string {
  return `$${microsToUsd(micros).toFixed(2)}`;
}

/** Takes up to 25 pending entries with distinct keys (a BatchWriteItem may not repeat a key). */
function takeBatch(pending: Pending[]): Pending[] {
  const batch: Pending[] = [];
  const keys = new Set<string>();
  let i = 0;
  while (i < pending.length && keys.size < MAX_BATCH_WRITE_ITEMS) {
    const key = `${pending[i].entry.pk}|${pending[i].entry.sk}`;
    keys.add(key);
    batch.push(pending[i]);
    i++;
  }
  pending.splice(0, i);
  return batch;
}

/** An entry tracked twice in one batch (same id) is stored once and counted once. */
function uniqueEntries(entries: CostLedgerEntry[]): CostLedgerEntry[] {
  return [...new Map(entries.map(e => [`${e.pk}|${e.sk}`, e])).values()];
}

type RollupSums = Omit<DailyRollup, 'pk' | 'sk' | 'recordType' | 'updatedAt'>;

function mergeRollupSums(
  into: Map<string, RollupSums>,
  from: Map<string, RollupSums>,
): void {
  for (const [id, g] of from) {
    const t = into.get(id);
    if (!t) {
      into.set(id, { ...g });
      continue;
    }
    t.amountMicros += g.amountMicros;
    t.inputTokens += g.inputTokens;
    t.outputTokens += g.outputTokens;
    t.tokens += g.tokens;
    t.requests += g.requests;
    t.entryCount += g.entryCount;
  }
}

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
