import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
  UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { MotoServer, startMoto } from '@prod-hardening/dev-stack';
import { CostTableNames } from './constants';
import {
  EnhancedCostMonitoring,
  EnhancedCostMonitoringOptions,
} from './EnhancedCostMonitoring';
import { CostLedgerWriteError, CostRollupUpdateError } from './errors';
import { rollupKey } from './keys';
import { CostEntryInput } from './schemas';
import { createCostTables } from './tables';

// Rollups added once per flush, against a real moto_server. Faults the emulator cannot
// produce (UnprocessedItems, an answer lost after the write was applied, a 5xx) are
// injected by middleware on a client of its own; the requests still reach moto.

jest.setTimeout(60_000);

const NOW = new Date('2026-11-16T12:00:00.000Z');
const AGENTS = ['content', 'chatbot', 'marketing', 'analytics'];
const MODELS = { openai: ['gpt-4o', 'gpt-4o-mini'], azure: ['gpt-4', 'o1'] };

let moto: MotoServer;
let setupClient: DynamoDBClient;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  moto = await startMoto();
  setupClient = client();
});

afterAll(async () => {
  clients.forEach(c => c.destroy());
  await moto?.stop();
});

function client(): DynamoDBClient {
  const c = new DynamoDBClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  clients.push(c);
  return c;
}

let tableCounter = 0;
async function freshTables(): Promise<CostTableNames> {
  tableCounter++;
  const names = {
    aiCosts: `flush-ai-costs-${tableCounter}`,
    costAlerts: `flush-alerts-${tableCounter}`,
  };
  await createCostTables(setupClient, names, { pollIntervalMs: 10 });
  return names;
}

/** Operations sent through `c`, counted. */
function countOperations(c: DynamoDBClient): Map<string, number> {
  const counts = new Map<string, number>();
  c.middlewareStack.add(
    (next, context) => args => {
      const op = context.commandName!.replace(/Command$/, '');
      counts.set(op, (counts.get(op) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countOperations' },
  );
  return counts;
}

/**
 * Middleware just before serialization. Commands come from the document client, so the
 * input and output it sees are plain values (the document client marshals after it).
 */
function intercept(
  c: DynamoDBClient,
  handler: (
    op: string,
    input: Record<string, any>,
    send: () => Promise<{ output: any }>,
  ) => Promise<{ output: any }>,
): void {
  c.middlewareStack.add(
    (next, context) => async args => {
      const op = context.commandName!.replace(/Command$/, '');
      return handler(op, args.input as Record<string, any>, () =>
        next(args),
      ) as any;
    },
    { step: 'serialize', name: 'injectFault', priority: 'high' },
  );
}

function monitor(
  c: DynamoDBClient,
  tables: CostTableNames,
  options: Partial<EnhancedCostMonitoringOptions> = {},
): EnhancedCostMonitoring {
  return new EnhancedCostMonitoring({
    dynamoDb: c,
    tables,
    now: () => NOW,
    sleep: async () => undefined,
    ...options,
  });
}

/** The i-th entry: 2 providers × 4 agents × 2 models, on `days` days up to NOW. */
function entryAt(i: number, days = 1): CostEntryInput {
  const provider = i % 2 ? 'azure' : 'openai';
  return {
    provider,
    agent: AGENTS[(i >> 1) % 4],
    model: MODELS[provider][(i >> 3) % 2],
    amountMicros: 1_000 + ((i * 7919) % 50_000),
    inputTokens: 100 + (i % 97),
    outputTokens: 10 + (i % 13),
    requests: 1 + (i % 3),
    timestamp: new Date(NOW.getTime() - (i % days) * 86_400_000 - i),
  };
}

/** What the rollups must hold: the inputs summed per rollup item, computed here. */
function expectedRollups(inputs: CostEntryInput[]) {
  const sums = new Map<string, number[]>();
  for (const e of inputs) {
    const sk = rollupKey({
      date: (e.timestamp as Date).toISOString().slice(0, 10),
      provider: e.provider,
      agent: e.agent,
      model: e.model,
    }).sk;
    const s = sums.get(sk) ?? [0, 0, 0, 0, 0];
    s[0] += e.amountMicros!;
    s[1] += e.inputTokens!;
    s[2] += e.outputTokens!;
    s[3] += e.requests!;
    s[4] += 1;
    sums.set(sk, s);
  }
  return [...sums].sort(([a], [b]) => a.localeCompare(b));
}

async function storedRollups(m: EnhancedCostMonitoring) {
  const rollups = await m.getDailyRollups({ from: '2026-11-01' });
  return rollups.map(r => [
    r.sk,
    [r.amountMicros, r.inputTokens, r.outputTokens, r.requests, r.entryCount],
  ]);
}

describe('rollups added per flush', () => {
  it('sends 1,000 entries of 16 rollup items as 40 BatchWriteItem and 16 UpdateItem', async () => {
    const tables = await freshTables();
    const c = client();
    const ops = countOperations(c);
    const m = monitor(c, tables);
    const inputs = Array.from({ length: 1000 }, (_, i) => entryAt(i));
    await m.trackCosts(inputs);
    expect(Object.fromEntries(ops)).toEqual({
      BatchWriteItem: 40,
      UpdateItem: 16,
    });
    expect(await storedRollups(m)).toEqual(expectedRollups(inputs));
  });

  it('keeps totals equal to the entries over several days and several flushes', async () => {
    const tables = await freshTables();
    const c = client();
    const ops = countOperations(c);
    const m = monitor(c, tables, { batching: { maxFlushEntries: 100 } });
    const inputs = Array.from({ length: 330 }, (_, i) => entryAt(i, 3));
    // Concurrent single calls and a list, as a service makes them.
    await Promise.all([
      ...inputs.slice(0, 200).map(e => m.trackCost(e)),
      m.trackCosts(inputs.slice(200)),
    ]);
    // ⌈330/25⌉ = 14, plus at most one partial batch per flush of 100.
    expect(ops.get('BatchWriteItem')).toBeGreaterThanOrEqual(14);
    expect(ops.get('BatchWriteItem')).toBeLessThanOrEqual(14 + 5);
    // At most one update per rollup item (48 of them) per flush (at most 5 flushes).
    expect(ops.get('UpdateItem')).toBeLessThanOrEqual(48 * 5);
    expect(await storedRollups(m)).toEqual(expectedRollups(inputs));
    const day = (await m.getCostsByDate('2026-11-15')).reduce(
      (s, e) => s + e.amountMicros,
      0,
    );
    expect(await m.getDailyCostMicros('2026-11-15')).toBe(day);
  });

  it('counts re-sent UnprocessedItems once', async () => {
    const tables = await freshTables();
    const c = client();
    const ops = countOperations(c);
    let first = true;
    // The first BatchWriteItem "leaves" its last 7 items unprocessed: they are not sent.
    intercept(c, async (op, input, send) => {
      if (op !== 'BatchWriteItem' || !first) return send();
      first = false;
      const requests = input.RequestItems[tables.aiCosts] as unknown[];
      const left = requests.splice(requests.length - 7);
      const result = await send();
      result.output.UnprocessedItems = { [tables.aiCosts]: left };
      return result;
    });
    const m = monitor(c, tables);
    const inputs = Array.from({ length: 50 }, (_, i) => entryAt(i));
    await m.trackCosts(inputs);
    expect(ops.get('BatchWriteItem')).toBe(3);
    expect(await storedRollups(m)).toEqual(expectedRollups(inputs));
  });

  it('leaves entries unprocessed after every retry out of the rollups, and rejects them', async () => {
    const tables = await freshTables();
    const c = client();
    let unprocessedIds: string[] = [];
    intercept(c, async (op, input, send) => {
      if (op !== 'BatchWriteItem') return send();
      const requests = input.RequestItems[tables.aiCosts] as any[];
      // Entries of the "marketing" agent never get through.
      const left = requests.filter(
        r => r.PutRequest.Item.agent === 'marketing',
      );
      input.RequestItems[tables.aiCosts] = requests.filter(
        r => !left.includes(r),
      );
      if (input.RequestItems[tables.aiCosts].length === 0) {
        return { output: { UnprocessedItems: { [tables.aiCosts]: left } } };
      }
      const result = await send();
      result.output.UnprocessedItems = { [tables.aiCosts]: left };
      return result;
    });
    const m = monitor(c, tables, { batching: { maxRetries: 2 } });
    const inputs = Array.from({ length: 64 }, (_, i) => entryAt(i));
    const results = await Promise.allSettled(inputs.map(e => m.trackCost(e)));
    const rejected = results.filter(r => r.status === 'rejected');
    expect(rejected).toHaveLength(16);
    for (const r of rejected) {
      const reason = (r as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(CostLedgerWriteError);
      unprocessedIds.push(...reason.unprocessedEntryIds);
    }
    unprocessedIds = [...new Set(unprocessedIds)];
    expect(unprocessedIds).toHaveLength(16);
    expect(await storedRollups(m)).toEqual(
      expectedRollups(inputs.filter(e => e.agent !== 'marketing')),
    );
  });

  it('counts a rollup update once when its answer is lost and it is sent again', async () => {
    const tables = await freshTables();
    const c = client();
    const ops = countOperations(c);
    let lost = 0;
    // Every rollup update's first answer is lost after moto applied it.
    const answered = new Set<string>();
    intercept(c, async (op, input, send) => {
      const result = await send();
      const key =
        JSON.stringify(input.Key) +
        JSON.stringify(input.ExpressionAttributeValues?.[':flushSeq']);
      if (op === 'UpdateItem' && !answered.has(key)) {
        answered.add(key);
        lost++;
        throw Object.assign(new Error('socket hang up'), {
          name: 'TimeoutError',
        });
      }
      return result;
    });
    const m = monitor(c, tables);
    const inputs = Array.from({ length: 120 }, (_, i) => entryAt(i));
    await m.trackCosts(inputs);
    expect(lost).toBe(16);
    // Each update sent twice; the second is refused by the flush mark, not added.
    expect(ops.get('UpdateItem')).toBe(32);
    expect(await storedRollups(m)).toEqual(expectedRollups(inputs));
  });

  it('keeps a rollup update that failed every retry and sends it before the next flush of the same item', async () => {
    const tables = await freshTables();
    const c = client();
    let failing = true;
    intercept(c, async (op, input, send) => {
      if (
        op === 'UpdateItem' &&
        failing &&
        input.Key.sk.includes('#chatbot#')
      ) {
        throw Object.assign(new Error('Internal server error'), {
          name: 'InternalServerError',
          $metadata: { httpStatusCode: 500 },
        });
      }
      return send();
    });
    const m = monitor(c, tables, { batching: { maxRetries: 2 } });
    const first = Array.from({ length: 40 }, (_, i) => entryAt(i));
    const results = await Promise.allSettled(first.map(e => m.trackCost(e)));
    const rejected = results.filter(r => r.status === 'rejected');
    expect(rejected).toHaveLength(10); // the chatbot entries
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(
      CostRollupUpdateError,
    );
    // The entries are all stored; the chatbot rollups have not been added to yet.
    expect(await m.getCostsByDate('2026-11-16')).toHaveLength(40);
    expect(await storedRollups(m)).toEqual(
      expectedRollups(first.filter(e => e.agent !== 'chatbot')),
    );

    // The next flush touches the same chatbot items: the kept addition goes first.
    failing = false;
    const second = Array.from({ length: 40 }, (_, i) => entryAt(i + 1000));
    await m.trackCosts(second);
    await m.flush();
    expect(await storedRollups(m)).toEqual(
      expectedRollups([...first, ...second]),
    );
  });

  it('keeps a rollup update refused before it was applied and applies it on flush()', async () => {
    const tables = await freshTables();
    const c = client();
    let refuse = true;
    intercept(c, async (op, _input, send) => {
      if (op === 'UpdateItem' && refuse) {
        throw Object.assign(
          new Error('Throughput exceeds the current capacity'),
          {
            name: 'ThrottlingException',
            $metadata: { httpStatusCode: 400 },
          },
        );
      }
      return send();
    });
    const m = monitor(c, tables, { batching: { maxRetries: 1 } });
    const inputs = Array.from({ length: 30 }, (_, i) => entryAt(i));
    await expect(m.trackCosts(inputs)).rejects.toBeInstanceOf(
      CostRollupUpdateError,
    );
    await expect(m.flush()).rejects.toBeInstanceOf(CostRollupUpdateError);
    expect(await storedRollups(m)).toEqual([]);
    refuse = false;
    await m.flush();
    expect(await storedRollups(m)).toEqual(expectedRollups(inputs));
  });

  it('keeps the flush marks through a rebuild, so a late resend is still refused', async () => {
    const tables = await freshTables();
    const c = client();
    let replay: (() => Promise<unknown>) | undefined;
    intercept(c, async (op, input, send) => {
      if (op === 'UpdateItem' && !replay) {
        const copy = structuredClone(input) as UpdateCommandInput;
        replay = () => doc.send(new UpdateCommand(copy));
      }
      return send();
    });
    const doc = DynamoDBDocumentClient.from(c);
    const m = monitor(c, tables);
    const inputs = Array.from({ length: 16 }, (_, i) => entryAt(i));
    await m.trackCosts(inputs);
    await m.rebuildDailyRollups('2026-11-16');
    await expect(replay!()).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    expect(await storedRollups(m)).toEqual(expectedRollups(inputs));
    const { Item } = await doc.send(
      new GetCommand({
        TableName: tables.aiCosts,
        Key: rollupKey({
          date: '2026-11-16',
          provider: 'openai',
          agent: 'content',
          model: 'gpt-4o',
        }),
      }),
    );
    expect(Object.keys(Item!).filter(k => k.startsWith('flush#'))).toHaveLength(
      1,
    );
  });
});

describe('past-day rollup cache', () => {
  it('answers a past day again without a Query, and sees its own late entry at once', async () => {
    const tables = await freshTables();
    const c = client();
    const ops = countOperations(c);
    const m = monitor(c, tables);
    const late = { ...entryAt(0), timestamp: new Date('2026-11-15T10:00:00Z') };
    await m.trackCost(late);
    expect(await m.getDailyCostMicros('2026-11-15')).toBe(late.amountMicros);
    const queries = ops.get('Query');
    expect(await m.getDailyCostMicros('2026-11-15')).toBe(late.amountMicros);
    expect(ops.get('Query')).toBe(queries);
    await m.trackCost({ ...late, amountMicros: 7 });
    expect(await m.getDailyCostMicros('2026-11-15')).toBe(
      late.amountMicros! + 7,
    );
  });
});
