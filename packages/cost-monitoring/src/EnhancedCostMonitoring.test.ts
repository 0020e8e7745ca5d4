import { Agent } from 'node:http';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { MotoServer, startMoto } from '@prod-hardening/dev-stack';
import { CostTableNames, INDEXES } from './constants';
import {
  EnhancedCostMonitoring,
  EnhancedCostMonitoringOptions,
} from './EnhancedCostMonitoring';
import { CostValidationError } from './errors';
import { CostLedgerReader } from './ledgerReader';
import { stableAlertId } from './keys';
import { CostEntryInput } from './schemas';
import { buildAiCostsTableInput, createCostTables } from './tables';

jest.setTimeout(30_000);

const REGION = 'us-east-1';
const NOW = new Date('2026-11-16T12:00:00.000Z');
const DAY_MS = 86_400_000;
const daysAfter = (days: number) => new Date(NOW.getTime() + days * DAY_MS);

let moto: MotoServer;
let ddb: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let sns: SNSClient;
/** Names of the DynamoDB operations sent, in order. */
let calls: string[] = [];
/** What each Query read: its index, or the table's partition. */
let queried: string[] = [];

beforeAll(async () => {
  moto = await startMoto();
  const common = {
    endpoint: moto.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
  ddb = new DynamoDBClient(common);
  ddb.middlewareStack.add(
    (next, context) => args => {
      calls.push(context.commandName!.replace(/Command$/, ''));
      // The document client's calls carry plain values here, not yet marshalled.
      const input = args.input as {
        IndexName?: string;
        ExpressionAttributeValues?: Record<string, unknown>;
      };
      if (context.commandName === 'QueryCommand') {
        const values = input.ExpressionAttributeValues ?? {};
        queried.push(
          input.IndexName ??
            [values[':pk'], values[':from']].filter(Boolean).join(' from '),
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordOperations' },
  );
  doc = DynamoDBDocumentClient.from(ddb);
  sns = new SNSClient(common);
});

afterAll(async () => {
  ddb?.destroy();
  sns?.destroy();
  await moto?.stop();
});

let tableCounter = 0;
/** Fresh tables per test, so tests share the emulator but no data. */
async function freshTables(): Promise<CostTableNames> {
  tableCounter++;
  const names = {
    aiCosts: `ai-costs-${tableCounter}`,
    costAlerts: `cost-alerts-${tableCounter}`,
  };
  await createCostTables(ddb, names, { pollIntervalMs: 10 });
  calls = [];
  return names;
}

function monitor(
  tables: CostTableNames,
  options: Partial<EnhancedCostMonitoringOptions> = {},
): EnhancedCostMonitoring {
  return new EnhancedCostMonitoring({
    dynamoDb: ddb,
    sns,
    tables,
    now: () => NOW,
    sleep: async () => undefined,
    ...options,
  });
}

const entry = (patch: Partial<CostEntryInput> = {}): CostEntryInput => ({
  provider: 'openai',
  agent: 'content',
  model: 'gpt-4o',
  amountUsd: 0.25,
  inputTokens: 1000,
  outputTokens: 200,
  timestamp: NOW,
  ...patch,
});

const count = (name: string) => calls.filter(c => c === name).length;

describe('createCostTables', () => {
  it('creates both tables on pk/sk with the documented indexes, idempotently', async () => {
    const names = { aiCosts: 'tables-ai', costAlerts: 'tables-alerts' };
    expect(await createCostTables(ddb, names)).toEqual({
      created: ['tables-ai', 'tables-alerts'],
      existing: [],
      indexesAdded: [],
    });
    const { Table } = await ddb.send(
      new DescribeTableCommand({ TableName: 'tables-ai' }),
    );
    expect(
      Table?.KeySchema?.map(k => `${k.AttributeName}:${k.KeyType}`),
    ).toEqual(['pk:HASH', 'sk:RANGE']);
    const indexes = Object.fromEntries(
      (Table?.GlobalSecondaryIndexes ?? []).map(i => [
        i.IndexName,
        i.KeySchema?.map(k => `${k.AttributeName}:${k.KeyType}`),
      ]),
    );
    expect(indexes).toEqual({
      [INDEXES.byProvider]: ['provider:HASH', 'timestamp:RANGE'],
      [INDEXES.byAgent]: ['agent:HASH', 'timestamp:RANGE'],
      [INDEXES.byDate]: ['date:HASH', 'timestamp:RANGE'],
    });
    const alerts = await ddb.send(
      new DescribeTableCommand({ TableName: 'tables-alerts' }),
    );
    expect(
      alerts.Table?.GlobalSecondaryIndexes?.map(i => [
        i.IndexName,
        i.KeySchema?.map(k => k.AttributeName),
      ]),
    ).toEqual([[INDEXES.byAlertType, ['alertType', 'createdAt']]]);

    expect(await createCostTables(ddb, names)).toEqual({
      created: [],
      existing: ['tables-ai', 'tables-alerts'],
      indexesAdded: [],
    });
  });

  it('adds the indexes to a table that was created with pk/sk only', async () => {
    const { GlobalSecondaryIndexes: _none, ...plain } =
      buildAiCostsTableInput('plain-ai');
    await ddb.send(
      new CreateTableCommand({
        ...plain,
        AttributeDefinitions: plain.AttributeDefinitions!.filter(a =>
          ['pk', 'sk'].includes(a.AttributeName!),
        ),
      }),
    );
    const result = await createCostTables(
      ddb,
      { aiCosts: 'plain-ai', costAlerts: 'plain-alerts' },
      { pollIntervalMs: 10 },
    );
    expect(result.indexesAdded).toEqual([
      'plain-ai/byProvider',
      'plain-ai/byAgent',
      'plain-ai/byDate',
    ]);
    const { Table } = await ddb.send(
      new DescribeTableCommand({ TableName: 'plain-ai' }),
    );
    expect(Table?.GlobalSecondaryIndexes).toHaveLength(3);
  });
});

describe('trackCost', () => {
  it('stores the seed keys, micro-dollars, input and output tokens apart, and a 90-day TTL', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    const stored = await m.trackCost(
      entry({
        amountUsd: 0.1 + 0.2,
        timestamp: '2026-11-16T09:15:00.123Z',
        entryId: 'req-1',
      }),
    );
    const { Item } = await doc.send(
      new GetCommand({
        TableName: tables.aiCosts,
        Key: { pk: stored.pk, sk: stored.sk },
      }),
    );
    expect(Item).toEqual({
      pk: 'COST#2026-11-16#openai',
      sk: 'content#gpt-4o#2026-11-16T09:15:00.123Z#req-1',
      recordType: 'ENTRY',
      entryId: 'req-1',
      date: '2026-11-16',
      timestamp: '2026-11-16T09:15:00.123Z',
      provider: 'openai',
      agent: 'content',
      model: 'gpt-4o',
      amountMicros: 300_000,
      inputTokens: 1000,
      outputTokens: 200,
      tokens: 1200,
      requests: 1,
      ttl: Date.parse('2027-02-14T09:15:00Z') / 1000,
    });
  });

  it('sends 60 entries in 3 BatchWriteItem calls of at most 25', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    const entries = Array.from({ length: 60 }, (_, i) =>
      entry({ amountMicros: 1000 + i, amountUsd: undefined }),
    );
    await m.trackCosts(entries);
    expect(count('BatchWriteItem')).toBe(3);
    const items = await doc.send(
      new ScanCommand({ TableName: tables.aiCosts }),
    );
    expect(items.Items?.filter(i => i.recordType === 'ENTRY')).toHaveLength(60);
  });

  it('coalesces concurrent trackCost calls into shared batches', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    await Promise.all(Array.from({ length: 60 }, () => m.trackCost(entry())));
    expect(count('BatchWriteItem')).toBe(3);
    expect(count('TransactWriteItems')).toBe(0);
    expect(await m.getDailyCosts('2026-11-16')).toBe(15);
  });

  it('writes named entries (with an entryId) in one transaction per batch of 25', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        m.trackCost(entry({ entryId: `c${i}` })),
      ),
    );
    expect(count('TransactWriteItems')).toBe(3);
    expect(count('BatchWriteItem')).toBe(0);
    expect(await m.getCostsByDate('2026-11-16')).toHaveLength(60);
    expect(await m.getDailyCosts('2026-11-16')).toBe(15);
  });

  it('stores an entry tracked twice under the same id once', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    await m.trackCosts([entry({ entryId: 'dup' }), entry({ entryId: 'dup' })]);
    await m.trackCost(entry({ entryId: 'dup' }));
    expect(await m.getCostsByDate('2026-11-16')).toHaveLength(1);
    const [rollup] = await m.getDailyRollups({
      from: '2026-11-16',
      to: '2026-11-16',
    });
    expect(rollup).toMatchObject({ entryCount: 1, amountMicros: 250_000 });
  });

  it('a named entry sent three times, at three different times, is one item and one addition', async () => {
    const tables = await freshTables();
    let clock = NOW.getTime();
    const m = monitor(tables, { now: () => new Date(clock) });
    // No timestamp: each resend would default to its own "now".
    const first = await m.trackCost(
      entry({ entryId: 'req-42', timestamp: undefined }),
    );
    clock += 1_000;
    const second = await m.trackCost(
      entry({ entryId: 'req-42', timestamp: undefined }),
    );
    clock += 60_000;
    const third = await m.trackCost(
      entry({ entryId: 'req-42', timestamp: undefined }),
    );

    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const { Items = [] } = await doc.send(
      new ScanCommand({ TableName: tables.aiCosts }),
    );
    expect(Items.filter(i => i.recordType === 'ENTRY')).toHaveLength(1);
    expect(Items.filter(i => i.recordType === 'ROLLUP')).toEqual([
      expect.objectContaining({ entryCount: 1, amountMicros: 250_000 }),
    ]);
    expect(await m.getDailyCosts(first.date)).toBe(0.25);
  });

  it('two writers sending the same named entries at once record each once', async () => {
    const tables = await freshTables();
    // The emulator's transactions are not atomic under concurrency (it snapshots and
    // restores whole tables from several threads), so the two writers' requests reach
    // it one at a time: interleaved as DynamoDB would serialise them, not lost by it.
    const oneAtATime = new DynamoDBClient({
      endpoint: moto.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: {
        httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }),
      },
    });
    const a = monitor(tables, { dynamoDb: oneAtATime });
    const b = monitor(tables, { dynamoDb: oneAtATime });
    const inputs = Array.from({ length: 20 }, (_, i) =>
      entry({ entryId: `shared-${i}`, amountUsd: 0.5 }),
    );
    await Promise.all([
      ...inputs.map(input => a.trackCost(input)),
      ...inputs.map(input => b.trackCost(input)),
    ]);
    expect(await a.getCostsByDate('2026-11-16')).toHaveLength(20);
    const [rollup] = await a.getDailyRollups({
      from: '2026-11-16',
      to: '2026-11-16',
    });
    expect(rollup).toMatchObject({ entryCount: 20, amountMicros: 10_000_000 });
    oneAtATime.destroy();
  });

  it('a batch mixing new and already-recorded named entries records only the new ones', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    await m.trackCosts([
      entry({ entryId: 'old-1' }),
      entry({ entryId: 'old-2' }),
    ]);
    await m.trackCosts([
      entry({ entryId: 'old-1' }),
      entry({ entryId: 'new-1' }),
      entry({ entryId: 'old-2' }),
    ]);
    expect(await m.getCostsByDate('2026-11-16')).toHaveLength(3);
    const [rollup] = await m.getDailyRollups({
      from: '2026-11-16',
      to: '2026-11-16',
    });
    expect(rollup).toMatchObject({ entryCount: 3, amountMicros: 750_000 });
  });

  it('writes nothing when one entry of a batch is invalid, and names the field', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    const attempt = m.trackCosts([
      entry({ entryId: 'ok' }),
      entry({ amountUsd: -5 }),
    ]);
    await expect(attempt).rejects.toBeInstanceOf(CostValidationError);
    await expect(attempt).rejects.toMatchObject({
      field: 'entries[1].amountUsd',
    });
    await expect(
      m.trackCost(entry({ provider: 'mistral' as 'openai' })),
    ).rejects.toMatchObject({
      field: 'provider',
    });
    await expect(
      m.trackCost(entry({ timestamp: '2026-11-16T25:00:00Z' })),
    ).rejects.toMatchObject({ field: 'timestamp' });
    expect(calls).toEqual([]);
  });

  it('refuses entries dated in the future or already past retention', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    await expect(
      m.trackCost(entry({ timestamp: daysAfter(1) })),
    ).rejects.toThrow('timestamp: is in the future');
    await expect(
      m.trackCost(entry({ timestamp: daysAfter(-90) })),
    ).rejects.toThrow('timestamp: is older than the 90-day retention');
    expect(calls).toEqual([]);
  });
});

describe('queries', () => {
  let tables: CostTableNames;
  let m: EnhancedCostMonitoring;

  beforeAll(async () => {
    tables = await freshTables();
    m = monitor(tables);
    const at = (day: number, hour: number) =>
      new Date(Date.UTC(2026, 10, day, hour)).toISOString();
    await m.trackCosts([
      entry({ timestamp: at(14, 9), amountUsd: 1.5 }),
      entry({ timestamp: at(15, 9), amountUsd: 2, agent: 'chatbot' }),
      entry({
        timestamp: at(15, 10),
        amountUsd: 0.5,
        provider: 'azure',
        model: 'gpt-4',
      }),
      entry({
        timestamp: at(16, 8),
        amountUsd: 3,
        inputTokens: 7,
        outputTokens: 3,
      }),
      entry({
        timestamp: at(16, 9),
        amountUsd: 0.25,
        provider: 'azure',
        agent: 'analytics',
        model: 'gpt-35-turbo',
      }),
    ]);
  });

  beforeEach(() => {
    calls = [];
    queried = [];
  });

  it('lists one provider, oldest first: its partition per day, the index over a long range', async () => {
    const all = await m.getCostsByProvider('openai');
    expect(all.map(e => [e.date, e.agent, e.amountMicros])).toEqual([
      ['2026-11-14', 'content', 1_500_000],
      ['2026-11-15', 'chatbot', 2_000_000],
      ['2026-11-16', 'content', 3_000_000],
    ]);
    const ranged = await m.getCostsByProvider('openai', {
      from: '2026-11-15',
      to: '2026-11-15',
    });
    expect(ranged.map(e => e.agent)).toEqual(['chatbot']);
    // the default range is 90 days: more partitions than MAX_PARTITION_QUERIES
    expect(queried).toEqual([INDEXES.byProvider, 'COST#2026-11-15#openai']);
    const month = await m.getCostsByProvider('openai', {
      from: '2026-10-17',
      to: '2026-11-16',
    });
    expect(month).toEqual(all);
    expect(queried.slice(2)).toHaveLength(31);
  });

  it('lists one agent across providers: its sort keys in each partition, or the index', async () => {
    const content = await m.getCostsByAgent('content', { from: '2026-11-15' });
    expect(
      content.map(e => [e.provider, e.inputTokens, e.outputTokens, e.tokens]),
    ).toEqual([
      ['azure', 1000, 200, 1200],
      ['openai', 7, 3, 10],
    ]);
    expect(queried.sort()).toEqual([
      'COST#2026-11-15#azure',
      'COST#2026-11-15#openai',
      'COST#2026-11-16#azure',
      'COST#2026-11-16#openai',
    ]);
    // an agent whose name starts with another's is not mixed in
    expect(
      await m.getCostsByAgent('chat', { from: '2026-11-15', to: '2026-11-15' }),
    ).toEqual([]);
    queried = [];
    expect(await m.getCostsByAgent('content')).toEqual(
      await m.getCostsByAgent('content', {
        from: '2026-11-02',
        to: '2026-11-16',
      }),
    );
    expect(queried[0]).toBe(INDEXES.byAgent);
    // 15 days × 2 providers
    expect(queried.slice(1)).toHaveLength(30);
  });

  it('lists one day across providers: one Query per provider', async () => {
    const day = await m.getCostsByDate('2026-11-15');
    expect(day.map(e => `${e.provider}/${e.agent}/${e.model}`).sort()).toEqual([
      'azure/content/gpt-4',
      'openai/chatbot/gpt-4o',
    ]);
    expect(queried.sort()).toEqual([
      'COST#2026-11-15#azure',
      'COST#2026-11-15#openai',
    ]);
  });

  it('totals a day from its rollups', async () => {
    expect(await m.getDailyCosts('2026-11-16')).toBe(3.25);
    expect(await m.getDailyCostMicros('2026-11-15')).toBe(2_500_000);
    expect(calls).toEqual(['Query', 'Query']);
  });

  it('returns the rollups of a date range in one Query', async () => {
    const rollups = await m.getDailyRollups({
      from: '2026-11-15',
      to: '2026-11-16',
    });
    expect(rollups.map(r => [r.sk, r.amountMicros, r.entryCount])).toEqual([
      ['2026-11-15#azure#content#gpt-4', 500_000, 1],
      ['2026-11-15#openai#chatbot#gpt-4o', 2_000_000, 1],
      ['2026-11-16#azure#analytics#gpt-35-turbo', 250_000, 1],
      ['2026-11-16#openai#content#gpt-4o', 3_000_000, 1],
    ]);
    expect(calls).toEqual(['Query']);
  });

  it('reads only today’s rollups once the past days of the range are cached, and returns no flush marks', async () => {
    const fresh = monitor(tables);
    const range = { from: '2026-11-14', to: '2026-11-16' };
    const first = await fresh.getDailyRollups(range);
    expect(first.map(r => r.date)).toEqual([
      '2026-11-14',
      '2026-11-15',
      '2026-11-15',
      '2026-11-16',
      '2026-11-16',
    ]);
    expect(
      first.flatMap(r => Object.keys(r)).filter(k => k.startsWith('flush#')),
    ).toEqual([]);
    expect(await fresh.getDailyRollups(range)).toEqual(first);
    expect(queried).toEqual([
      'ROLLUP#DAY from 2026-11-14',
      'ROLLUP#DAY from 2026-11-16',
    ]);
    // today is read every time, so a new cost of today shows at once
    await fresh.trackCost(
      entry({ timestamp: '2026-11-16T11:00:00.000Z', amountUsd: 1 }),
    );
    const after = await fresh.getDailyRollups(range);
    expect(after.slice(0, 3)).toEqual(first.slice(0, 3));
    expect(after.find(r => r.sk.startsWith('2026-11-16#openai'))).toMatchObject(
      { amountMicros: 4_000_000, entryCount: 2 },
    );
    await fresh.close();
  });

  it('rejects unknown providers and malformed dates before querying', async () => {
    await expect(m.getCostsByProvider('anthropic')).rejects.toMatchObject({
      field: 'provider',
    });
    await expect(m.getDailyCosts('2026-02-30')).rejects.toMatchObject({
      field: 'date',
    });
    await expect(
      m.getCostsByAgent('content', { from: '2026-11-16', to: '2026-11-01' }),
    ).rejects.toMatchObject({ field: 'range.from' });
    expect(calls).toEqual([]);
  });
});

describe('rollups and retention', () => {
  it('keeps rollups equal to the sum of the entries, across batches', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    const entries = Array.from({ length: 40 }, (_, i) =>
      entry({
        entryId: `r${i}`,
        amountUsd: 0.1,
        inputTokens: i,
        outputTokens: 1,
        agent: i % 2 ? 'content' : 'chatbot',
      }),
    );
    await m.trackCosts(entries);
    const rollups = await m.getDailyRollups({
      from: '2026-11-16',
      to: '2026-11-16',
    });
    expect(
      rollups.map(r => [
        r.agent,
        r.amountMicros,
        r.entryCount,
        r.inputTokens,
        r.outputTokens,
      ]),
    ).toEqual([
      ['chatbot', 2_000_000, 20, 380, 20],
      ['content', 2_000_000, 20, 400, 20],
    ]);
    const rebuilt = await m.rebuildDailyRollups('2026-11-16');
    expect(rebuilt.map(r => [r.sk, r.amountMicros])).toEqual(
      rollups.map(r => [r.sk, r.amountMicros]),
    );
  });

  it('writes rollups only on rebuild in deferred mode, and a rebuild is idempotent', async () => {
    const tables = await freshTables();
    const m = monitor(tables, { rollups: 'deferred' });
    await m.trackCosts([entry({ entryId: 'a' }), entry({ entryId: 'b' })]);
    expect(count('UpdateItem')).toBe(0);
    expect(await m.getDailyRollups()).toEqual([]);
    // No rollup yet: the day's total comes from its entries.
    expect(await m.getDailyCosts('2026-11-16')).toBe(0.5);
    await m.rebuildDailyRollups('2026-11-16');
    await m.rebuildDailyRollups('2026-11-16');
    const rollups = await m.getDailyRollups();
    expect(rollups.map(r => [r.amountMicros, r.entryCount])).toEqual([
      [500_000, 2],
    ]);
  });

  it('ignores entries whose TTL passed but that DynamoDB has not deleted yet', async () => {
    const tables = await freshTables();
    await monitor(tables).trackCosts([
      entry({ entryId: 'old', timestamp: daysAfter(-1), amountUsd: 4 }),
      entry({ entryId: 'new', timestamp: NOW, amountUsd: 1 }),
    ]);
    // 89.5 days on: the entry from NOW-1d has expired (the emulator never deletes it).
    const later = monitor(tables, {
      now: () => new Date(daysAfter(89).getTime() + DAY_MS / 2),
    });
    const raw = await doc.send(
      new QueryCommand({
        TableName: tables.aiCosts,
        IndexName: INDEXES.byProvider,
        KeyConditionExpression: 'provider = :p',
        ExpressionAttributeValues: { ':p': 'openai' },
      }),
    );
    expect(raw.Items).toHaveLength(2);
    expect(
      (await later.getCostsByProvider('openai', { from: '2026-11-01' })).map(
        e => e.entryId,
      ),
    ).toEqual(['new']);
    expect(
      (await later.getCostsByAgent('content', { from: '2026-11-01' })).map(
        e => e.entryId,
      ),
    ).toEqual(['new']);
    expect(await later.getCostsByDate('2026-11-15')).toEqual([]);
  });

  it('keeps daily totals after the entries expire, and refuses to rebuild such a day', async () => {
    const tables = await freshTables();
    await monitor(tables).trackCost(entry({ amountUsd: 7.5 }));
    const muchLater = monitor(tables, { now: () => daysAfter(400) });
    expect(await muchLater.getCostsByDate('2026-11-16')).toEqual([]);
    expect(await muchLater.getDailyCosts('2026-11-16')).toBe(7.5);
    await expect(
      muchLater.rebuildDailyRollups('2026-11-16'),
    ).rejects.toMatchObject({
      field: 'date',
    });
  });
});

describe('budget alerts', () => {
  let topicArn: string;

  beforeAll(async () => {
    ({ TopicArn: topicArn = '' } = await sns.send(
      new CreateTopicCommand({ Name: 'huntaze-cost-alerts' }),
    ));
  });

  it('raises a warning at 80% with a notified alert row and a 30-day TTL, once per month', async () => {
    const tables = await freshTables();
    const m = monitor(tables, {
      alertTopicArn: topicArn,
      budget: { monthlyLimitUsd: 10 },
    });
    await m.trackCost(entry({ amountUsd: 8.5, timestamp: daysAfter(-3) }));
    expect(await m.checkBudgetThreshold()).toBe(true);

    const alerts = await m.listAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      pk: `ALERT#${stableAlertId('budget_threshold|2026-11|80')}`,
      sk: '2026-11-16T12:00:00Z',
      alertType: 'budget_threshold',
      severity: 'warning',
      amountMicros: 8_500_000,
      thresholdMicros: 8_000_000,
      notified: true,
      notifyAttempts: 1,
      ttl: Date.parse('2026-12-16T12:00:00Z') / 1000,
    });
    expect(alerts[0].snsMessageId).toBeTruthy();

    const again = await m.checkBudget();
    expect(again.reached.map(r => [r.percent, r.deduplicated])).toEqual([
      [80, true],
    ]);
    expect(await m.listAlerts()).toHaveLength(1);
  });

  it('raises a critical alert at 100% and a daily-limit alert', async () => {
    const tables = await freshTables();
    const m = monitor(tables, {
      alertTopicArn: topicArn,
      budget: { monthlyLimitUsd: 10, dailyLimitUsd: 5 },
    });
    await m.trackCost(entry({ amountUsd: 12 }));
    const result = await m.checkBudget();
    expect(result.monthToDateMicros).toBe(12_000_000);
    expect(result.reached.map(r => [r.alertType, r.alert.severity])).toEqual([
      ['budget_threshold', 'warning'],
      ['budget_threshold', 'critical'],
      ['daily_limit', 'critical'],
    ]);
    expect(await m.listAlerts({ alertType: 'daily_limit' })).toHaveLength(1);
  });

  it('returns false below every threshold and writes no alert', async () => {
    const tables = await freshTables();
    const m = monitor(tables, {
      alertTopicArn: topicArn,
      budget: { monthlyLimitUsd: 10 },
    });
    await m.trackCost(entry({ amountUsd: 7.99 }));
    expect(await m.checkBudgetThreshold()).toBe(false);
    expect(await m.listAlerts()).toEqual([]);
  });

  it('keeps the alert row with notified=false when SNS fails 3 times, and notifies on a later check', async () => {
    const tables = await freshTables();
    const slept: number[] = [];
    const missingTopic = topicArn.replace(/[^:]+$/, 'no-such-topic');
    const failing = monitor(tables, {
      alertTopicArn: missingTopic,
      budget: { monthlyLimitUsd: 10 },
      sleep: async ms => void slept.push(ms),
    });
    await failing.trackCost(entry({ amountUsd: 9 }));
    const [reached] = (await failing.checkBudget()).reached;
    expect(reached.alert.notified).toBe(false);
    expect(slept).toEqual([200, 400]);

    const [stored] = await failing.listAlerts();
    expect(stored).toMatchObject({ notified: false, notifyAttempts: 3 });
    expect(stored.lastNotifyError).toMatch(/NotFound/);

    const recovered = monitor(tables, {
      alertTopicArn: topicArn,
      budget: { monthlyLimitUsd: 10 },
    });
    const [retried] = (await recovered.checkBudget()).reached;
    expect(retried).toMatchObject({
      deduplicated: false,
      alert: { notified: true },
    });
    const [after] = await recovered.listAlerts();
    expect(after).toMatchObject({ notified: true, notifyAttempts: 4 });
    expect(after.lastNotifyError).toBeUndefined();
  });

  it('leaves expired alert rows out of listings', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    await m.raiseAlert({
      alertType: 'anomaly',
      severity: 'warning',
      message: 'spike',
      amountUsd: 3,
      thresholdUsd: 1,
      createdAt: daysAfter(-10),
    });
    expect(await m.listAlerts({ since: daysAfter(-40) })).toHaveLength(1);
    const later = monitor(tables, { now: () => daysAfter(25) });
    expect(await later.listAlerts({ since: daysAfter(-40) })).toEqual([]);
  });

  it('requires a configured budget', async () => {
    const tables = await freshTables();
    await expect(monitor(tables).checkBudgetThreshold()).rejects.toMatchObject({
      field: 'budget',
    });
  });
});

describe('the read-only reader', () => {
  it('reads what the monitor wrote with Query calls only', async () => {
    const tables = await freshTables();
    const m = monitor(tables);
    await m.trackCosts([
      {
        provider: 'openai',
        agent: 'captions',
        model: 'gpt-4o-mini',
        amountUsd: 1.25,
        inputTokens: 100,
        outputTokens: 20,
        timestamp: daysAfter(-1),
      },
      {
        provider: 'azure',
        agent: 'captions',
        model: 'gpt-4o',
        amountUsd: 0.5,
        inputTokens: 50,
        outputTokens: 10,
        timestamp: daysAfter(-1),
      },
    ]);
    await m.raiseAlert({
      alertType: 'anomaly',
      severity: 'warning',
      message: 'spike',
      amountUsd: 3,
      thresholdUsd: 1,
    });
    calls = [];
    const reader = new CostLedgerReader({
      dynamoDb: ddb,
      tables,
      now: () => NOW,
    });
    const day = daysAfter(-1).toISOString().slice(0, 10);

    expect(await reader.getDailyCosts(day)).toBe(1.75);
    expect(await reader.getDailyRollups({ from: day, to: day })).toEqual(
      await m.getDailyRollups({ from: day, to: day }),
    );
    expect(await reader.getCostsByAgent('captions')).toHaveLength(2);
    expect(await reader.listAlerts()).toEqual([
      expect.objectContaining({ alertType: 'anomaly', message: 'spike' }),
    ]);
    expect(new Set(calls)).toEqual(new Set(['Query']));
  });
});
