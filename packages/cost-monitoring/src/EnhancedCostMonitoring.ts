import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AlertType, CostTableNames } from './constants';
import { realSleep, Sleep } from './backoff';
import {
  BudgetCheckResult,
  CostAlerts,
  RaiseAlertResult,
  SnsClientLike,
} from './costAlerts';
import { buildEntry } from './entries';
import { CostLedgerReader, documentClient } from './ledgerReader';
import { DocumentClientLike, LedgerWriter } from './ledgerWriter';
import type { CostAlert, CostLedgerEntry, DailyRollup } from './records';
import { PastDayRollupCache } from './rollupCache';
import { RollupRebuilder } from './rollupRebuild';
import {
  AlertInput,
  BudgetOptions,
  budgetOptionsSchema,
  CostEntryInput,
  DateRange,
  parseOrThrow,
} from './schemas';

export type { CostAlert, CostLedgerEntry, DailyRollup } from './records';
export type { BudgetCheckResult, RaiseAlertResult } from './costAlerts';
export { groupForRollup } from './rollups';

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
    /**
     * Entries one flush takes at most (default 1000): written 25 per BatchWriteItem, then
     * one rollup UpdateItem per day × provider × agent × model among them.
     */
    maxFlushEntries?: number;
    /** Retries of UnprocessedItems (default 8), exponential from `baseDelayMs` (50) to `maxDelayMs` (5000). */
    maxRetries?: number;
    baseDelayMs?: number;
    maxDelayMs?: number;
  };
  queries?: {
    /**
     * How long the rollups of past days are reused without a Query (default 30 s; 0
     * turns it off). This instance's own writes and rebuilds refresh them at once.
     */
    rollupCacheTtlMs?: number;
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

/**
 * The seed's EnhancedCostMonitoring over the AI-cost ledger and the cost-alert table: a
 * facade over the batching writer (`LedgerWriter`), the queries (`CostLedgerReader`),
 * the rollup rebuilds (`RollupRebuilder`) and the budget alerts (`CostAlerts`). Takes
 * its AWS clients and clock from the caller; builds nothing from the environment (see
 * `createCostMonitoringFromEnv` for that). A reader that never writes builds a
 * `CostLedgerReader` alone.
 */
export class EnhancedCostMonitoring {
  readonly tables: Readonly<CostTableNames>;
  private readonly now: () => Date;
  private readonly rollupMode: 'incremental' | 'deferred';
  private readonly reader: CostLedgerReader;
  private readonly writer: LedgerWriter;
  private readonly rebuilder: RollupRebuilder;
  private readonly alerts: CostAlerts;
  private readonly onClose?: () => void;

  constructor(options: EnhancedCostMonitoringOptions) {
    const doc = documentClient(options.dynamoDb);
    this.now = options.now ?? (() => new Date());
    const sleep = options.sleep ?? realSleep;
    this.rollupMode = options.rollups ?? 'incremental';
    const rollupCache = new PastDayRollupCache(
      options.queries?.rollupCacheTtlMs ?? 30_000,
    );
    this.reader = new CostLedgerReader({
      dynamoDb: doc,
      tables: options.tables,
      now: this.now,
      rollupCache,
    });
    this.tables = this.reader.tables;
    this.writer = new LedgerWriter({
      onRollupsChanged: days => rollupCache.invalidate(days),
      doc,
      table: this.tables.aiCosts,
      rollups: this.rollupMode,
      now: this.now,
      sleep,
      random: options.random ?? Math.random,
      lingerMs: options.batching?.lingerMs ?? 5,
      maxConcurrentBatches: options.batching?.maxConcurrentBatches ?? 4,
      maxFlushEntries: options.batching?.maxFlushEntries ?? 1000,
      retry: {
        maxRetries: options.batching?.maxRetries ?? 8,
        baseDelayMs: options.batching?.baseDelayMs ?? 50,
        maxDelayMs: options.batching?.maxDelayMs ?? 5_000,
      },
    });
    this.rebuilder = new RollupRebuilder({
      reader: this.reader,
      writer: this.writer,
      now: this.now,
    });
    this.alerts = new CostAlerts({
      doc,
      reader: this.reader,
      sns: options.sns,
      topicArn: options.alertTopicArn,
      budget: options.budget
        ? parseOrThrow(budgetOptionsSchema, options.budget, 'budget.')
        : undefined,
      now: this.now,
      sleep,
      notifyAttempts: options.notify?.attempts ?? 3,
      notifyBaseDelayMs: options.notify?.baseDelayMs ?? 200,
    });
    this.onClose = options.onClose;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Records one cost. Validated first (a CostValidationError names the field; nothing
   * is written), then queued: calls made together share BatchWriteItem requests of up
   * to 25 items. Resolves with the stored entry once its batch is written.
   */
  async trackCost(input: CostEntryInput): Promise<CostLedgerEntry> {
    const entry = buildEntry(input, '', this.now());
    return this.writer.enqueue([
      { entry, named: this.isExactlyOnce(input) },
    ])[0];
  }

  /**
   * Records many costs. All are validated before any is written: one bad entry rejects
   * the call and nothing is stored.
   */
  async trackCosts(
    inputs: readonly CostEntryInput[],
  ): Promise<CostLedgerEntry[]> {
    const entries = inputs.map((input, i) => ({
      entry: buildEntry(input, `entries[${i}].`, this.now()),
      named: this.isExactlyOnce(input),
    }));
    return Promise.all(this.writer.enqueue(entries));
  }

  /**
   * A named entry (the caller gave an entryId) is written exactly once when rollups are
   * added per write. In `deferred` mode (bulk loads, backfills) rollups are rebuilt from
   * the entries, so a plain put is enough, and a reload may overwrite an entry.
   */
  private isExactlyOnce(input: CostEntryInput): boolean {
    return this.rollupMode === 'incremental' && isNamed(input);
  }

  /**
   * Sends everything queued and waits for every write in flight. Rejects with
   * CostRollupUpdateError if rollup additions of an earlier failed flush still cannot
   * be applied (the entries themselves are stored).
   */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Flushes, then releases owned clients (see `onClose`), also when the flush failed. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.onClose?.();
    }
  }

  /**
   * Recomputes one day's rollups from its ledger entries and overwrites them (exact and
   * idempotent). Only for days whose entries are all still inside the 90-day retention.
   */
  rebuildDailyRollups(date: string): Promise<DailyRollup[]> {
    return this.rebuilder.rebuildDay(date);
  }

  /** `rebuildDailyRollups` for a range of days at once. */
  rebuildRollups(range: DateRange): Promise<DailyRollup[]> {
    return this.rebuilder.rebuild(range);
  }

  // ---------------------------------------------------------------- reads

  /** Total AI cost of one UTC day in USD (seed signature), from the daily rollups. */
  getDailyCosts(date: string): Promise<number> {
    return this.reader.getDailyCosts(date);
  }

  /** Total of one day in micro-dollars (see `CostLedgerReader.getDailyCostMicros`). */
  getDailyCostMicros(date: string): Promise<number> {
    return this.reader.getDailyCostMicros(date);
  }

  getCostsByProvider(
    provider: string,
    range: DateRange = {},
  ): Promise<CostLedgerEntry[]> {
    return this.reader.getCostsByProvider(provider, range);
  }

  getCostsByAgent(
    agent: string,
    range: DateRange = {},
  ): Promise<CostLedgerEntry[]> {
    return this.reader.getCostsByAgent(agent, range);
  }

  getCostsByDate(date: string): Promise<CostLedgerEntry[]> {
    return this.reader.getCostsByDate(date);
  }

  getDailyRollups(range: DateRange = {}): Promise<DailyRollup[]> {
    return this.reader.getDailyRollups(range);
  }

  listAlerts(
    options: { alertType?: AlertType; since?: Date } = {},
  ): Promise<CostAlert[]> {
    return this.reader.listAlerts(options);
  }

  // ---------------------------------------------------------------- alerts

  /**
   * True when month-to-date AI spend reached any configured threshold (or today's
   * spend the daily limit). Each threshold reached raises one alert per period.
   */
  async checkBudgetThreshold(): Promise<boolean> {
    return (await this.alerts.checkBudget()).exceeded;
  }

  /** The same check with the numbers and the alert rows. */
  checkBudget(): Promise<BudgetCheckResult> {
    return this.alerts.checkBudget();
  }

  /** Stores an alert row, then publishes it to SNS (see `CostAlerts.raiseAlert`). */
  raiseAlert(input: AlertInput): Promise<RaiseAlertResult> {
    return this.alerts.raiseAlert(input);
  }
}

/** Whether the caller named the entry, and so may send it again. */
function isNamed(input: CostEntryInput): boolean {
  return typeof input?.entryId === 'string';
}
