/**
 * Ledger benchmark against a local moto_server it starts itself:
 *   entries/s through trackCost, DynamoDB requests per 1,000 entries, query latency
 *   p50/p99 per query. Prints a table, then one JSON line. Writes are measured twice:
 *   unnamed entries (BatchWriteItem, the default path) and named entries (an entryId
 *   the caller may resend: written exactly once, one transaction per batch).
 *
 *   npm run bench:ledger -- --entries 3000 --days 30 --queries 40
 *
 * The emulator is a single Python process: absolute numbers are far below DynamoDB's;
 * the request counts are what the library sends to DynamoDB too.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startMoto } from '@prod-hardening/dev-stack';
import {
  CostEntryInput,
  createCostTables,
  EnhancedCostMonitoring,
} from '../src';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '2000' },
    'named-entries': { type: 'string', default: '500' },
    days: { type: 'string', default: '30' },
    queries: { type: 'string', default: '30' },
  },
});
const ENTRIES = Number(args.entries);
const NAMED_ENTRIES = Number(args['named-entries']);
const DAYS = Number(args.days);
const QUERY_RUNS = Number(args.queries);
const NOW = new Date('2026-11-16T23:00:00.000Z');
const PROVIDERS = ['openai', 'azure'] as const;
const AGENTS = ['content', 'chatbot', 'marketing', 'analytics'];
const MODELS = {
  openai: ['gpt-4o', 'gpt-4o-mini'],
  azure: ['gpt-4', 'gpt-35-turbo'],
};

/** Entries arrive in time order, oldest day first, as a service records them. */
function entryAt(i: number, named = false): CostEntryInput {
  const provider = PROVIDERS[i % 2];
  const day = DAYS - 1 - Math.floor((i * DAYS) / ENTRIES);
  return {
    provider,
    agent: AGENTS[(i >> 1) % AGENTS.length],
    model: MODELS[provider][(i >> 3) % 2],
    amountMicros: 1_000 + ((i * 7919) % 50_000),
    inputTokens: 500 + (i % 1000),
    outputTokens: 100 + (i % 300),
    timestamp: new Date(NOW.getTime() - day * 86_400_000 - (i % 3600) * 1000),
    ...(named && { entryId: `bench-${i}` }),
  };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function main() {
  const moto = await startMoto();
  const ddb = new DynamoDBClient({
    endpoint: moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const requests = new Map<string, number>();
  ddb.middlewareStack.add(
    (next, context) => input => {
      const op = context.commandName!.replace(/Command$/, '');
      requests.set(op, (requests.get(op) ?? 0) + 1);
      return next(input);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  try {
    await createCostTables(ddb, {}, { pollIntervalMs: 10 });
    const costs = new EnhancedCostMonitoring({ dynamoDb: ddb, now: () => NOW });
    requests.clear();

    // Writes: every entry is its own trackCost call, as a busy service would make them.
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: ENTRIES }, (_, i) => costs.trackCost(entryAt(i))),
    );
    const writeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const writeRequests = Object.fromEntries(requests);
    const totalWriteRequests = [...requests.values()].reduce(
      (a, b) => a + b,
      0,
    );

    // Reads: one day per query, so each returns a realistic slice, not the whole table.
    const day = '2026-11-15';
    const queries: Record<string, () => Promise<unknown>> = {
      getCostsByProvider: () =>
        costs.getCostsByProvider('openai', { from: day, to: day }),
      getCostsByAgent: () =>
        costs.getCostsByAgent('chatbot', { from: day, to: day }),
      getCostsByDate: () => costs.getCostsByDate(day),
      getDailyCosts: () => costs.getDailyCosts(day),
      'getDailyRollups(7 days)': () =>
        costs.getDailyRollups({ from: '2026-11-10', to: '2026-11-16' }),
    };
    const latency: Record<
      string,
      { p50Ms: number; p99Ms: number; runs: number }
    > = {};
    const all: number[] = [];
    for (const [name, run] of Object.entries(queries)) {
      const samples: number[] = [];
      for (let i = 0; i < QUERY_RUNS; i++) {
        const t = process.hrtime.bigint();
        await run();
        samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      samples.sort((a, b) => a - b);
      all.push(...samples);
      latency[name] = {
        p50Ms: round(percentile(samples, 50)),
        p99Ms: round(percentile(samples, 99)),
        runs: samples.length,
      };
    }
    all.sort((a, b) => a - b);
    await costs.close();

    // Named entries, exactly once, into tables of their own.
    const namedTables = {
      aiCosts: 'bench-named-ai-costs',
      costAlerts: 'bench-named-cost-alerts',
    };
    await createCostTables(ddb, namedTables, { pollIntervalMs: 10 });
    const named = new EnhancedCostMonitoring({
      dynamoDb: ddb,
      tables: namedTables,
      now: () => NOW,
    });
    requests.clear();
    const namedStarted = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: NAMED_ENTRIES }, (_, i) =>
        named.trackCost(entryAt(i, true)),
      ),
    );
    const namedSeconds = Number(process.hrtime.bigint() - namedStarted) / 1e9;
    const namedRequests = [...requests.values()].reduce((a, b) => a + b, 0);
    await named.close();

    const result = {
      target: `moto_server ${moto.endpoint}`,
      entries: ENTRIES,
      days: DAYS,
      entriesPerSecond: round(ENTRIES / writeSeconds),
      writeSeconds: round(writeSeconds, 2),
      dynamoDbRequestsPer1000Entries: round(
        (totalWriteRequests / ENTRIES) * 1000,
      ),
      requestsByOperationPer1000Entries: Object.fromEntries(
        Object.entries(writeRequests).map(([op, n]) => [
          op,
          round((n / ENTRIES) * 1000),
        ]),
      ),
      named: {
        entries: NAMED_ENTRIES,
        entriesPerSecond: round(NAMED_ENTRIES / namedSeconds),
        dynamoDbRequestsPer1000Entries: round(
          (namedRequests / NAMED_ENTRIES) * 1000,
        ),
      },
      queryLatency: {
        p50Ms: round(percentile(all, 50)),
        p99Ms: round(percentile(all, 99)),
        byQuery: latency,
      },
    };

    const rows: Array<[string, string]> = [
      ['entries written', `${ENTRIES} over ${DAYS} days`],
      ['entries/s through trackCost', String(result.entriesPerSecond)],
      [
        'DynamoDB requests / 1,000 entries',
        String(result.dynamoDbRequestsPer1000Entries),
      ],
      ...Object.entries(result.requestsByOperationPer1000Entries).map(
        ([op, n]) => [`  ${op} / 1,000 entries`, String(n)] as [string, string],
      ),
      [
        `named entries/s (exactly once, ${NAMED_ENTRIES})`,
        String(result.named.entriesPerSecond),
      ],
      [
        '  DynamoDB requests / 1,000 named entries',
        String(result.named.dynamoDbRequestsPer1000Entries),
      ],
      [
        'query latency p50 / p99 (ms)',
        `${result.queryLatency.p50Ms} / ${result.queryLatency.p99Ms}`,
      ],
      ...Object.entries(latency).map(
        ([q, l]) => [`  ${q}`, `${l.p50Ms} / ${l.p99Ms}`] as [string, string],
      ),
    ];
    const width = Math.max(...rows.map(r => r[0].length));
    process.stdout.write(
      `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    ddb.destroy();
    await moto.stop();
  }
}

main().catch(err => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
