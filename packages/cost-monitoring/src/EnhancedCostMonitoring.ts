import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  AI_PROVIDERS,
  ALERT_RETENTION_DAYS,
  ALERT_TYPES,
  AlertSeverity,
  AlertType,
  COST_RETENTION_DAYS,
  CostTableNames,
  DEFAULT_TABLE_NAMES,
  INDEXES,
  MAX_BATCH_WRITE_ITEMS,
  RECORD_TYPES,
} from './constants';
import {
  realSleep,
  retryWithBackoff,
  RetriesExhaustedError,
  Sleep,
} from './backoff';
import { CostLedgerWriteError, CostValidationError } from './errors';
import {
  alertPartitionKey,
  costEntryKey,
  prefixUpperBound,
  rollupKey,
  ROLLUP_PK,
  stableAlertId,
} from './keys';
import {
  DocumentClientLike,
  LedgerWriter,
  WriteRequests,
} from './ledgerWriter';
import { microsToUsd, sumMicros, usdToMicros } from './money';
import type { CostLedgerEntry, DailyRollup } from './records';
import { daysBetween, PastDayRollupCache } from './rollupCache';
import { DAILY_ROLLUP_ATTRIBUTES, flushMarks, groupForRollup } from './rollups';
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

export type { CostLedgerEntry, DailyRollup } from './records';
export { groupForRollup } from './rollups';

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
  private readonly writer: LedgerWriter;
  private readonly rollupCache: PastDayRollupCache;
  private readonly notifyAttempts: number;
  private readonly notifyBaseDelayMs: number;
  private readonly onClose?: () => void;

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
    const rollupCache = new PastDayRollupCache(
      options.queries?.rollupCacheTtlMs ?? 30_000,
    );
    this.rollupCache = rollupCache;
    this.writer = new LedgerWriter({
      onRollupsChanged: days => rollupCache.invalidate(days),
      doc: this.doc,
      table: this.tables.aiCosts,
      rollups: this.rollupMode,
      now: this.now,
      sleep: this.sleep,
      random: this.random,
      lingerMs: options.batching?.lingerMs ?? 5,
      maxConcurrentBatches: options.batching?.maxConcurrentBatches ?? 4,
      maxFlushEntries: options.batching?.maxFlushEntries ?? 1000,
      retry: {
        maxRetries: options.batching?.maxRetries ?? 8,
        baseDelayMs: options.batching?.baseDelayMs ?? 50,
        maxDelayMs: options.batching?.maxDelayMs ?? 5_000,
      },
    });
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
      entry: this.toEntry(input, `entries[${i}].`),
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
    // The providers' index reads and the stored rollups, in parallel.
    const [stored, ...byProvider] = await Promise.all([
      this.queryRollupItems(from, to),
      ...AI_PROVIDERS.map(provider =>
        this.queryEntries(INDEXES.byProvider, 'provider', provider, {
          from,
          to,
        }),
      ),
    ]);
    const marksBySk = new Map(stored.map(r => [r.sk, flushMarks(r)]));
    const updatedAt = isoMillis(now);
    const rollups: DailyRollup[] = [
      ...groupForRollup(byProvider.flat()).values(),
    ]
      .map(g => ({
        ...rollupKey(g),
        recordType: RECORD_TYPES.rollup,
        ...g,
        updatedAt,
      }))
      .sort((a, b) => a.sk.localeCompare(b.sk));
    const keep = new Set(rollups.map(r => r.sk));
    const stale = stored.filter(r => !keep.has(r.sk));
    const requests = [
      // The writers' flush marks stay, so an addition already counted and resent
      // after the rebuild is still refused.
      ...rollups.map(r => ({
        PutRequest: { Item: { ...marksBySk.get(r.sk), ...r } },
      })),
      ...stale.map(r => ({ DeleteRequest: { Key: { pk: r.pk, sk: r.sk } } })),
    ];
    try {
      for (let i = 0; i < requests.length; i += MAX_BATCH_WRITE_ITEMS) {
        await this.batchWriteAll(requests.slice(i, i + MAX_BATCH_WRITE_ITEMS));
      }
    } finally {
      this.rollupCache.invalidate(daysBetween(from, to));
    }
    return rollups;
  }

  private async batchWriteAll(requests: WriteRequests): Promise<void> {
    const left = await this.writer.batchWrite(requests);
    if (left.length > 0) {
      throw new CostLedgerWriteError([], this.writer.retryAttempts);
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
    const now = this.now();
    const today = utcDay(now);
    const cached = this.rollupCache.get(from, to, today, now.getTime());
    if (cached) return cached;
    const items = (await this.queryAll({
      ...this.rollupRangeQuery(from, to),
      // The documented attributes only: not the writers' flush marks.
      ProjectionExpression: DAILY_ROLLUP_ATTRIBUTES.map(a => `#${a}`).join(
        ', ',
      ),
      ExpressionAttributeNames: names(...DAILY_ROLLUP_ATTRIBUTES),
    })) as DailyRollup[];
    this.rollupCache.put(from, to, items, today, now.getTime());
    return items;
  }

  /** Rollup items as stored, flush marks included (for rebuilds). */
  private queryRollupItems(
    from: string,
    to: string,
  ): Promise<Array<DailyRollup & Record<string, unknown>>> {
    return this.queryAll(this.rollupRangeQuery(from, to)) as Promise<
      Array<DailyRollup & Record<string, unknown>>
    >;
  }

  private rollupRangeQuery(
    from: string,
    to: string,
  ): QueryCommandInput & { ExpressionAttributeNames: Record<string, string> } {
    return {
      TableName: this.tables.aiCosts,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: names('pk', 'sk'),
      ExpressionAttributeValues: {
        ':pk': ROLLUP_PK,
        ':from': from,
        ':to': prefixUpperBound(to),
      },
    };
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

/** Whether the caller named the entry, and so may send it again. */
function isNamed(input: CostEntryInput): boolean {
  return typeof input?.entryId === 'string';
}

/** `#name` placeholders for attribute names: many plain words (agent, date, ttl) are reserved. */
function names(...attributes: string[]): Record<string, string> {
  return Object.fromEntries(attributes.map(a => [`#${a}`, a]));
}

function usd(micros: number): string {
  return `$${microsToUsd(micros).toFixed(2)}`;
}
