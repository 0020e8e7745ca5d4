import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  AI_PROVIDERS,
  AiProvider,
  ALERT_RETENTION_DAYS,
  ALERT_TYPES,
  AlertType,
  COST_RETENTION_DAYS,
  CostTableNames,
  DEFAULT_TABLE_NAMES,
  INDEXES,
} from './constants';
import { CostValidationError } from './errors';
import {
  alertPartitionKey,
  costPartitionKey,
  prefixUpperBound,
  ROLLUP_PK,
} from './keys';
import type { DocumentClientLike } from './ledgerWriter';
import { microsToUsd, sumMicros } from './money';
import type { CostAlert, CostLedgerEntry, DailyRollup } from './records';
import { PastDayRollupCache } from './rollupCache';
import { DAILY_ROLLUP_ATTRIBUTES } from './rollups';
import {
  agentSchema,
  dateRangeSchema,
  DateRange,
  daySchema,
  parseOrThrow,
  providerSchema,
} from './schemas';
import {
  addDays,
  daysBetween,
  epochSeconds,
  firstRetainedDay,
  isExpired,
  isoSeconds,
  utcDay,
} from './time';

/**
 * Entry queries read the seed's day-and-provider partitions (`COST#day#provider`), one
 * Query each, in parallel, up to this many partitions (a month of one provider); a
 * longer range reads the index instead. A partition read costs DynamoDB the same read
 * units as an index read of the same entries (plus at most half a unit per Query for
 * rounding), it never reads an index whose hash key has two values (all of a
 * provider's entries in one index partition), and it sees an entry at once (indexes are
 * eventually consistent).
 */
export const MAX_PARTITION_QUERIES = 31;

export interface CostLedgerReaderOptions {
  /** A DynamoDBClient (wrapped in a document client here) or a document client. */
  dynamoDb: DynamoDBClient | DocumentClientLike;
  tables?: Partial<CostTableNames>;
  /** The clock: default ranges, TTL filtering and today's (uncached) rollups read it. */
  now?: () => Date;
  /**
   * How long the rollups of past days are reused without a Query (default 30 s; 0
   * turns it off).
   */
  rollupCacheTtlMs?: number;
  /** Shared with a writer that invalidates the days it changes (see the facade). */
  rollupCache?: PastDayRollupCache;
}

/** A document client for either kind of DynamoDB client the options accept. */
export function documentClient(
  dynamoDb: DynamoDBClient | DocumentClientLike,
): DocumentClientLike {
  return dynamoDb instanceof DynamoDBClient
    ? DynamoDBDocumentClient.from(dynamoDb, {
        marshallOptions: { removeUndefinedValues: true },
      })
    : dynamoDb;
}

/**
 * The ledger's and the alert table's queries, and nothing else: no writer, no SNS, only
 * `Query` calls. What a reader such as the portal builds; the seed's
 * `EnhancedCostMonitoring` delegates its reads here.
 */
export class CostLedgerReader {
  readonly tables: Readonly<CostTableNames>;
  readonly rollupCache: PastDayRollupCache;
  private readonly doc: DocumentClientLike;
  private readonly now: () => Date;

  constructor(options: CostLedgerReaderOptions) {
    this.doc = documentClient(options.dynamoDb);
    this.tables = Object.freeze({ ...DEFAULT_TABLE_NAMES, ...options.tables });
    this.now = options.now ?? (() => new Date());
    this.rollupCache =
      options.rollupCache ??
      new PastDayRollupCache(options.rollupCacheTtlMs ?? 30_000);
  }

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

  /**
   * Ledger entries of one provider, oldest first: its partition of each day of the
   * range, or `byProvider` for more than `MAX_PARTITION_QUERIES` days.
   */
  async getCostsByProvider(
    provider: string,
    range: DateRange = {},
  ): Promise<CostLedgerEntry[]> {
    const p = parseOrThrow(providerSchema, provider, 'provider');
    const { from, to } = this.resolveRange(range);
    const partitions = costPartitions(from, to, [p]);
    return partitions.length > MAX_PARTITION_QUERIES
      ? this.queryEntries(INDEXES.byProvider, 'provider', p, { from, to })
      : this.queryCostPartitions(partitions);
  }

  /**
   * Ledger entries of one agent, oldest first: the agent's sort keys in every provider's
   * partition of each day, or `byAgent` for more than `MAX_PARTITION_QUERIES` partitions.
   */
  async getCostsByAgent(
    agent: string,
    range: DateRange = {},
  ): Promise<CostLedgerEntry[]> {
    const a = parseOrThrow(agentSchema, agent, 'agent');
    const { from, to } = this.resolveRange(range);
    const partitions = costPartitions(from, to, AI_PROVIDERS);
    // Sort keys start with `agent#model`; an agent name has no '#'.
    return partitions.length > MAX_PARTITION_QUERIES
      ? this.queryEntries(INDEXES.byAgent, 'agent', a, { from, to })
      : this.queryCostPartitions(partitions, `${a}#`);
  }

  /** Ledger entries of one UTC day, all providers, oldest first: each provider's partition. */
  async getCostsByDate(date: string): Promise<CostLedgerEntry[]> {
    const d = parseOrThrow(daySchema, date, 'date');
    return this.queryCostPartitions(costPartitions(d, d, AI_PROVIDERS));
  }

  /**
   * Daily rollups for a date range (default: the last 90 days), sorted by day, from the
   * rollup partition. Past days come from the cache while it holds them, so a range
   * that ends today reads only today's rollups. Rollups outlive the entries' TTL.
   */
  async getDailyRollups(range: DateRange = {}): Promise<DailyRollup[]> {
    const { from, to } = this.resolveRange(range);
    const now = this.now();
    const today = utcDay(now);
    // Past days may come from the cache; today (and any later day) is always read.
    const pastTo = to < today ? to : addDays(today, -1);
    const past =
      from <= pastTo
        ? this.rollupCache.get(from, pastTo, today, now.getTime())
        : undefined;
    if (past) {
      return pastTo === to
        ? past
        : [...past, ...(await this.queryRollups(today, to))];
    }
    const rollups = await this.queryRollups(from, to);
    this.rollupCache.put(from, to, rollups, today, now.getTime());
    return rollups;
  }

  private async queryRollups(from: string, to: string): Promise<DailyRollup[]> {
    const items = await this.queryAll(this.rollupRangeQuery(from, to));
    // The documented attributes, not the writers' flush marks. Picked here rather than
    // by a ProjectionExpression: DynamoDB charges the whole item either way.
    return items.map(
      item =>
        Object.fromEntries(
          DAILY_ROLLUP_ATTRIBUTES.filter(a => a in item).map(a => [a, item[a]]),
        ) as unknown as DailyRollup,
    );
  }

  /** Rollup items as stored, flush marks included (for rebuilds). */
  rollupItems(
    from: string,
    to: string,
  ): Promise<Array<DailyRollup & Record<string, unknown>>> {
    return this.queryAll(this.rollupRangeQuery(from, to)) as Promise<
      Array<DailyRollup & Record<string, unknown>>
    >;
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
        ExpressionAttributeNames: attributeNames(
          'alertType',
          'createdAt',
          'ttl',
        ),
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

  /** The newest unexpired row of one alert, if any. */
  async findAlert(alertId: string): Promise<CostAlert | undefined> {
    const now = this.now();
    const items = await this.queryAll({
      TableName: this.tables.costAlerts,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: attributeNames('pk'),
      ExpressionAttributeValues: { ':pk': alertPartitionKey(alertId) },
    });
    return (items as CostAlert[])
      .filter(a => !isExpired(a.ttl, now))
      .sort((a, b) => b.sk.localeCompare(a.sk))[0];
  }

  /** A validated range with the defaults filled in: today and the first retained day. */
  resolveRange(range: DateRange): { from: string; to: string } {
    const r = parseOrThrow(dateRangeSchema, range, 'range.');
    const now = this.now();
    const to = r.to ?? utcDay(now);
    const from = r.from ?? firstRetainedDay(now, COST_RETENTION_DAYS);
    if (from > to) {
      throw CostValidationError.of('range.from', 'must not be after to');
    }
    return { from, to };
  }

  private rollupRangeQuery(
    from: string,
    to: string,
  ): QueryCommandInput & { ExpressionAttributeNames: Record<string, string> } {
    return {
      TableName: this.tables.aiCosts,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: attributeNames('pk', 'sk'),
      ExpressionAttributeValues: {
        ':pk': ROLLUP_PK,
        ':from': from,
        ':to': prefixUpperBound(to),
      },
    };
  }

  /**
   * Unexpired entries of cost partitions (with a sort key prefix, only those), read in
   * parallel, oldest first.
   */
  private async queryCostPartitions(
    partitionKeys: string[],
    sortKeyPrefix?: string,
  ): Promise<CostLedgerEntry[]> {
    const pages = await Promise.all(
      partitionKeys.map(pk =>
        this.queryUnexpiredEntries({
          KeyConditionExpression: sortKeyPrefix
            ? '#pk = :pk AND begins_with(#sk, :prefix)'
            : '#pk = :pk',
          ExpressionAttributeNames: attributeNames(
            'pk',
            ...(sortKeyPrefix ? ['sk'] : []),
          ),
          ExpressionAttributeValues: {
            ':pk': pk,
            ...(sortKeyPrefix && { ':prefix': sortKeyPrefix }),
          },
        }),
      ),
    );
    return pages
      .flat()
      .sort(
        (a, b) =>
          a.timestamp.localeCompare(b.timestamp) || a.sk.localeCompare(b.sk),
      );
  }

  /** Entries on one index within a day range, unexpired only. */
  async queryEntries(
    IndexName: string,
    hashAttribute: 'provider' | 'agent' | 'date',
    hashValue: string,
    range: DateRange,
  ): Promise<CostLedgerEntry[]> {
    const { from, to } = this.resolveRange(range);
    return this.queryUnexpiredEntries({
      IndexName,
      KeyConditionExpression: '#h = :h AND #ts BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#h': hashAttribute, '#ts': 'timestamp' },
      ExpressionAttributeValues: {
        ':h': hashValue,
        ':from': from,
        ':to': prefixUpperBound(to),
      },
    });
  }

  /** One Query of ledger entries (all pages), the expired ones left out. */
  private async queryUnexpiredEntries(
    query: Pick<
      QueryCommandInput,
      | 'IndexName'
      | 'KeyConditionExpression'
      | 'ExpressionAttributeNames'
      | 'ExpressionAttributeValues'
    >,
  ): Promise<CostLedgerEntry[]> {
    const now = this.now();
    const items = await this.queryAll({
      ...query,
      TableName: this.tables.aiCosts,
      // Expired items can linger for days before DynamoDB deletes them.
      FilterExpression: '#ttl > :now',
      ExpressionAttributeNames: {
        ...query.ExpressionAttributeNames,
        '#ttl': 'ttl',
      },
      ExpressionAttributeValues: {
        ...query.ExpressionAttributeValues,
        ':now': epochSeconds(now),
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
}

/** `#name` placeholders for attribute names: many plain words (agent, date, ttl) are reserved. */
export function attributeNames(
  ...attributes: string[]
): Record<string, string> {
  return Object.fromEntries(attributes.map(a => [`#${a}`, a]));
}

/** The cost partition keys of the given providers on every day of a range. */
function costPartitions(
  from: string,
  to: string,
  providers: readonly AiProvider[],
): string[] {
  return daysBetween(from, to).flatMap(day =>
    providers.map(provider => costPartitionKey(day, provider)),
  );
}
