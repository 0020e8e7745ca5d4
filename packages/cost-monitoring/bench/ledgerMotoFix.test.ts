import { join } from 'node:path';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  QueryCommandInput,
  ScanCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { MotoServer, startMoto } from '@prod-hardening/dev-stack';
import {
  CostEntryInput,
  createCostTables,
  EnhancedCostMonitoring,
  INDEXES,
} from '../src';

jest.setTimeout(120_000);

const NOW = new Date('2026-11-16T23:00:00.000Z');
const PROVIDERS = ['openai', 'azure'] as const;
const AGENTS = ['content', 'chatbot', 'marketing'];
const TABLES = { aiCosts: 'fix-ai-costs', costAlerts: 'fix-cost-alerts' };

/** Every entry its own second, so answers sorted by time have one order. */
function entry(i: number, entryId?: string): CostEntryInput {
  return {
    provider: PROVIDERS[i % 2],
    agent: AGENTS[i % 3],
    model: i % 4 < 2 ? 'gpt-4o' : 'gpt-4o-mini',
    amountMicros: 1_000 + i * 17,
    inputTokens: 100 + i,
    outputTokens: 10 + i,
    timestamp: new Date(NOW.getTime() - (i % 3) * 86_400_000 - i * 1000),
    ...(entryId && { entryId }),
  };
}

/** Generated entry ids differ between servers; everything else must not. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const normalized = (x: unknown) =>
  JSON.parse(JSON.stringify(x ?? null).replace(UUID, '<id>'));

/** Outcome of a call: its answer, or the error's name and message. */
async function outcome(call: () => Promise<unknown>) {
  try {
    return { ok: normalized(await call()) };
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return { error: `${e.name}: ${e.message}` };
  }
}

/**
 * The library's writes and reads, plus the raw calls the patch changes (a Query with
 * Limit and ExclusiveStartKey on the table and on an index, backwards; a transaction
 * that is cancelled and one that is invalid, each after a put it must roll back;
 * values the fast serializer leaves to the stock one).
 */
async function scenario(endpoint: string) {
  const ddb = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  try {
    await createCostTables(ddb, TABLES, { pollIntervalMs: 10 });
    const costs = new EnhancedCostMonitoring({
      dynamoDb: ddb,
      tables: TABLES,
      now: () => NOW,
      queries: { rollupCacheTtlMs: 0 },
    });
    const out: Record<string, unknown> = {};
    out.unnamed = await outcome(() =>
      Promise.all(
        Array.from({ length: 120 }, (_, i) => costs.trackCost(entry(i))),
      ),
    );
    out.named = await outcome(() =>
      Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          costs.trackCost(entry(200 + i, `named-${i}`)),
        ),
      ),
    );
    // Ten sent again among five new ones: the transaction is cancelled, then resent.
    out.resent = await outcome(() =>
      Promise.all(
        Array.from({ length: 15 }, (_, i) => {
          const n = i < 10 ? i : 30 + i;
          return costs.trackCost(entry(200 + n, `named-${n}`));
        }),
      ),
    );
    await costs.close();

    const day = '2026-11-15';
    out.byProvider = await outcome(() =>
      costs.getCostsByProvider('openai', {
        from: '2026-11-14',
        to: '2026-11-16',
      }),
    );
    out.byAgent = await outcome(() =>
      costs.getCostsByAgent('chatbot', { from: day, to: day }),
    );
    out.byDate = await outcome(() => costs.getCostsByDate(day));
    out.dailyCosts = await outcome(() => costs.getDailyCosts(day));
    out.rollups = await outcome(() =>
      costs.getDailyRollups({ from: '2026-11-10', to: '2026-11-16' }),
    );
    out.emptyDay = await outcome(() => costs.getCostsByDate('2026-10-01'));

    const pages = async (input: QueryCommandInput) => {
      const all: unknown[] = [];
      let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
      do {
        const page = await ddb.send(
          new QueryCommand({ ...input, ExclusiveStartKey, Limit: 7 }),
        );
        all.push({
          items: page.Items,
          count: page.Count,
          scanned: page.ScannedCount,
          last: page.LastEvaluatedKey,
        });
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return all;
    };
    out.tablePages = await outcome(() =>
      pages({
        TableName: TABLES.aiCosts,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `COST#${day}#openai` } },
        ScanIndexForward: false,
      }),
    );
    out.indexPages = await outcome(() =>
      pages({
        TableName: TABLES.aiCosts,
        IndexName: INDEXES.byProvider,
        KeyConditionExpression: 'provider = :p AND #ts BETWEEN :a AND :b',
        ExpressionAttributeNames: { '#ts': 'timestamp' },
        ExpressionAttributeValues: {
          ':p': { S: 'azure' },
          ':a': { S: '2026-11-14' },
          ':b': { S: '2026-11-16~' },
        },
        ProjectionExpression: 'pk, sk, amountMicros',
      }),
    );

    const odd = {
      pk: { S: 'ODD' },
      sk: { S: '1' },
      map: { M: { a: { N: '1' }, b: { L: [{ S: 'x' }, { BOOL: false }] } } },
      bin: { B: new Uint8Array([1, 2, 3]) },
      flag: { BOOL: true },
      nothing: { NULL: true },
      strings: { SS: ['a', 'b'] },
      numbers: { NS: ['1', '2.5'] },
    };
    await ddb.send(
      new PutItemCommand({ TableName: TABLES.aiCosts, Item: odd }),
    );
    out.odd = await outcome(async () => {
      const got = await ddb.send(
        new GetItemCommand({
          TableName: TABLES.aiCosts,
          Key: { pk: odd.pk, sk: odd.sk },
        }),
      );
      return { ...got.Item, bin: Array.from(got.Item!.bin.B!) };
    });

    // DynamoDB's item size limit, as moto measures it (405,000 bytes), either side of it
    const sized = (sk: string, bytes: number) =>
      ddb.send(
        new PutItemCommand({
          TableName: TABLES.aiCosts,
          Item: {
            pk: { S: 'SIZE' },
            sk: { S: sk },
            text: { S: 'x'.repeat(bytes) },
          },
        }),
      );
    out.fits = await outcome(
      async () => (await sized('fits', 404_000)).Attributes,
    );
    out.tooLarge = await outcome(() => sized('too-large', 405_000));

    const put = (sk: string) => ({
      Put: {
        TableName: TABLES.aiCosts,
        Item: { pk: { S: 'TX' }, sk: { S: sk }, n: { N: '1' } },
      },
    });
    out.cancelled = await outcome(() =>
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            put('new'),
            {
              Update: {
                TableName: TABLES.aiCosts,
                Key: { pk: odd.pk, sk: odd.sk },
                UpdateExpression: 'SET flag = :f',
                ExpressionAttributeValues: { ':f': { BOOL: false } },
              },
            },
            {
              ConditionCheck: {
                TableName: TABLES.aiCosts,
                Key: { pk: odd.pk, sk: { S: 'absent' } },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
          ],
        }),
      ),
    );
    out.invalid = await outcome(() =>
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [put('again'), put('twice'), put('twice')],
        }),
      ),
    );
    out.committed = await outcome(async () => {
      const { $metadata, ...answer } = await ddb.send(
        new TransactWriteItemsCommand({ TransactItems: [put('kept')] }),
      );
      return answer;
    });

    const scan = async (TableName: string) =>
      ((await ddb.send(new ScanCommand({ TableName }))).Items ?? [])
        .map(i =>
          JSON.stringify(
            normalized({ ...i, bin: undefined, text: i.text?.S?.length }),
          ),
        )
        .sort();
    out.aiCostsTable = await scan(TABLES.aiCosts);
    out.alertsTable = await scan(TABLES.costAlerts);
    return out;
  } finally {
    ddb.destroy();
  }
}

describe('bench/moto_server_dynamodb_fix.py', () => {
  let stock: MotoServer;
  let fixed: MotoServer;

  beforeAll(async () => {
    [stock, fixed] = await Promise.all([
      startMoto(),
      startMoto({ command: join(__dirname, 'moto_server_dynamodb_fix.py') }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stock?.stop(), fixed?.stop()]);
  });

  it('answers the ledger’s calls and the raw ones exactly as stock moto_server, and stores the same items', async () => {
    const fromStock = await scenario(stock.endpoint);
    const fromFixed = await scenario(fixed.endpoint);
    expect(fromFixed).toEqual(fromStock);

    // and the scenario says something
    const rows = (key: string) => (fromStock[key] as { ok: unknown[] }).ok;
    expect(rows('byProvider').length).toBeGreaterThan(10);
    expect(rows('byDate').length).toBeGreaterThan(10);
    expect(rows('rollups').length).toBeGreaterThan(5);
    expect(rows('emptyDay')).toEqual([]);
    expect((rows('tablePages') as unknown[]).length).toBeGreaterThan(1);
    expect((rows('indexPages') as unknown[]).length).toBeGreaterThan(1);
    expect(fromStock.cancelled).toEqual({
      error: expect.stringMatching(/^TransactionCanceledException/),
    });
    expect(fromStock.tooLarge).toEqual({
      error: expect.stringMatching(/^ValidationException: Item size/),
    });
    expect(fromStock.invalid).toEqual({
      error: expect.stringMatching(/^ValidationException/),
    });
    const table = fromStock.aiCostsTable as string[];
    expect(table.filter(i => i.includes('"TX"'))).toEqual([
      expect.stringContaining('"kept"'),
    ]);
    expect(table.filter(i => i.includes('"SIZE"'))).toEqual([
      expect.stringContaining('"text":404000'),
    ]);
    expect(table.find(i => i.includes('"ODD"'))).toContain(
      '"flag":{"BOOL":true}',
    );
    // 120 unnamed + 35 named entries, each named one with its marker
    const withKey = (prefix: string) =>
      table.filter(i => i.startsWith(`{"pk":{"S":"${prefix}`));
    expect(withKey('COST#')).toHaveLength(155);
    expect(withKey('ENTRY#')).toHaveLength(35);
  });
});
