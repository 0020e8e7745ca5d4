import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  ALERT_RETENTION_DAYS,
  ALERT_TYPES,
  AlertType,
  COST_RETENTION_DAYS,
  CostTableNames,
  DEFAULT_TABLE_NAMES,
  INDEXES,
} from './constants';
import { CostValidationError } from './errors';
import { alertPartitionKey, prefixUpperBound, ROLLUP_PK } from './keys';
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
import { firstRetainedDay, isExpired, isoSeconds, utcDay } from './time';

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
      ExpressionAttributeNames: attributeNames(...DAILY_ROLLUP_ATTRIBUTES),
    })) as DailyRollup[];
    this.rollupCache.put(from, to, items, today, now.getTime());
    return items;
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

  /** Entries on one index within a day range, unexpired only. */
  async queryEntries(
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
}

/** `#name` placeholders for attribute names: many plain words (agent, date, ttl) are reserved. */
export function attributeNames(
  ...attributes: string[]
): Record<string, string> {
  return Object.fromEntries(attributes.map(a => [`#${a}`, a]));
}
