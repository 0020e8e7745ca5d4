/**
 * Ledger benchmark against local DynamoDB-API servers it starts itself (moto_server and
 * dynalite, see stores.ts). Per store and run, on fresh tables:
 *   1. history: `--history` entries over the last `--days` days, bulk-loaded (deferred
 *      rollups, then one rebuild), so the queries read realistic slices;
 *   2. live writes: `--entries` trackCost calls at once, as a busy service makes them
 *      (today's costs): entries/s, DynamoDB requests and write units per 1,000 entries
 *      by operation, and the rollup updates one-per-entry or one-per-batch-of-25 would
 *      have cost on the same entries;
 *   3. named entries (exactly once, one transaction per 25): entries/s and requests;
 *   4. queries: p50/p99 per query.
 * Prints a readable table (medians, min–max over runs), then one JSON line.
 *
 *   npm run bench:ledger -- --stores moto,dynalite --runs 3 --entries 5000
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CostEntryInput,
  createCostTables,
  EnhancedCostMonitoring,
  rollupKey,
} from '../src';
import { countRequests, RequestCounter } from './capacity';
import { BenchStore, StoreName, startStore } from './stores';

const { values: args } = parseArgs({
  options: {
    stores: { type: 'string', default: 'moto,dynalite' },
    runs: { type: 'string', default: '3' },
    entries: { type: 'string', default: '3000' },
    history: { type: 'string', default: '2000' },
    'named-entries': { type: 'string', default: '100' },
    days: { type: 'string', default: '30' },
    queries: { type: 'string', default: '40' },
  },
});
const STORES = args.stores!.split(',') as StoreName[];
const RUNS = Number(args.runs);
const ENTRIES = Number(args.entries);
const HISTORY = Number(args.history);
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

/** The i-th cost: 2 providers × 4 agents × 2 models, `daysAgo` days before NOW. */
function entryAt(i: number, daysAgo: number, entryId?: string): CostEntryInput {
  const provider = PROVIDERS[i % 2];
  return {
    provider,
    agent: AGENTS[(i >> 1) % AGENTS.length],
    model: MODELS[provider][(i >> 3) % 2],
    amountMicros: 1_000 + ((i * 7919) % 50_000),
    inputTokens: 500 + (i % 1000),
    outputTokens: 100 + (i % 300),
    timestamp: new Date(
      NOW.getTime() - daysAgo * 86_400_000 - (i % 3600) * 1000,
    ),
    ...(entryId && { entryId }),
  };
}

/** History entries in time order, oldest day first (yesterday is the last day). */
const historyEntry = (i: number) =>
  entryAt(i, DAYS - Math.floor((i * DAYS) / HISTORY));

function percentile(sorted: number[], p: number): number {
  const i = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, i)];
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const sum = (m: Map<string, number>) =>
  [...m.values()].reduce((a, b) => a + b, 0);
const per1000 = (n: number, entries: number) => round((n / entries) * 1000);
const step = (what: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${what}\n`);
const seconds = (since: bigint) =>
  Number(process.hrtime.bigint() - since) / 1e9;

/** Rollup updates the same entries need with one ADD per distinct key per chunk of `size`. */
function rollupUpdatesPerChunk(entries: CostEntryInput[], size: number) {
  let updates = 0;
  for (let i = 0; i < entries.length; i += size) {
    const keys = new Set(
      entries.slice(i, i + size).map(
        e =>
          rollupKey({
            date: (e.timestamp as Date).toISOString().slice(0, 10),
            provider: e.provider,
            agent: e.agent,
            model: e.model,
          }).sk,
      ),
    );
    updates += keys.size;
  }
  return updates;
}

interface RunResult {
  entriesPerSecond: number;
  requestsPer1000Entries: number;
  requestsByOperationPer1000Entries: Record<string, number>;
  writeUnitsPer1000Entries: number;
  writeUnitsByOperationPer1000Entries: Record<string, number>;
  writeUnitsSource: 'reported by the server' | 'computed from item sizes';
  /** By DynamoDB's rules (table + each index the item is in), whatever the server reports. */
  computedWriteUnitsPer1000Entries: number;
  rollupUpdatesPer1000Entries: {
    measured: number;
    oneAddPerEntry: number;
    oneAddPerKeyPerBatchOf25: number;
  };
  rollupWriteUnitsSavedPer1000Entries: {
    vsOneAddPerEntry: number;
    vsOneAddPerKeyPerBatchOf25: number;
  };
  /** Undefined where the store has no transactions. */
  named?: { entriesPerSecond: number; requestsPer1000Entries: number };
  queries: Record<string, { p50Ms: number; p99Ms: number }>;
  queryP50Ms: number;
  queryP99Ms: number;
}

async function runOnce(
  ddb: DynamoDBClient,
  counter: RequestCounter,
  store: BenchStore,
  run: number,
): Promise<RunResult> {
  const tables = {
    aiCosts: `bench-ai-costs-${run}`,
    costAlerts: `bench-cost-alerts-${run}`,
  };
  await createCostTables(ddb, tables, { pollIntervalMs: 10 });

  // 1. History, not measured: a bulk load, as the seed loads it.
  const loader = new EnhancedCostMonitoring({
    dynamoDb: ddb,
    tables,
    now: () => NOW,
    rollups: 'deferred',
  });
  const history = Array.from({ length: HISTORY }, (_, i) => historyEntry(i));
  for (let i = 0; i < history.length; i += 1000) {
    await loader.trackCosts(history.slice(i, i + 1000));
  }
  await loader.rebuildRollups({
    from: new Date(NOW.getTime() - DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10),
  });

  step('history loaded');
  // 2. Live writes: every entry its own trackCost call.
  const costs = new EnhancedCostMonitoring({
    dynamoDb: ddb,
    tables,
    now: () => NOW,
  });
  const live = Array.from({ length: ENTRIES }, (_, i) => entryAt(i, 0));
  counter.reset();
  const started = process.hrtime.bigint();
  await Promise.all(live.map(e => costs.trackCost(e)));
  const writeSeconds = seconds(started);
  const liveRequests = new Map(counter.requests);
  const reported = sum(counter.reportedWriteUnits) > 0;
  const units = new Map(
    reported ? counter.reportedWriteUnits : counter.computedWriteUnits,
  );
  const computedUnits = sum(counter.computedWriteUnits);
  const updates = liveRequests.get('UpdateItem') ?? 0;
  // Rollup updates are priced by DynamoDB's rule (1 unit: rollup items are < 1 KB),
  // not by what an emulator reports (moto: 0.5 per update), so stores compare.
  const unitsPerUpdate =
    updates > 0
      ? (counter.computedWriteUnits.get('UpdateItem') ?? 0) / updates
      : 1;
  const perEntryUpdates = ENTRIES;
  const perBatchUpdates = rollupUpdatesPerChunk(live, 25);

  step(`live writes: ${round(writeSeconds, 2)} s`);
  // 3. Named entries: exactly once, one transaction per 25.
  let named: RunResult['named'];
  if (store.transactions) {
    counter.reset();
    const namedStarted = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: NAMED_ENTRIES }, (_, i) =>
        costs.trackCost(entryAt(i, 0, `bench-${run}-${i}`)),
      ),
    );
    named = {
      entriesPerSecond: round(NAMED_ENTRIES / seconds(namedStarted)),
      requestsPer1000Entries: per1000(sum(counter.requests), NAMED_ENTRIES),
    };
  }
  await costs.close();

  step('named entries written');
  // 4. Queries on yesterday's slice and the last week's rollups.
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
  const byQuery: RunResult['queries'] = {};
  const all: number[] = [];
  for (const [name, query] of Object.entries(queries)) {
    const samples: number[] = [];
    for (let i = 0; i < QUERY_RUNS; i++) {
      const t = process.hrtime.bigint();
      await query();
      samples.push(seconds(t) * 1000);
    }
    samples.sort((a, b) => a - b);
    all.push(...samples);
    byQuery[name] = {
      p50Ms: round(percentile(samples, 50)),
      p99Ms: round(percentile(samples, 99)),
    };
  }
  all.sort((a, b) => a - b);

  return {
    entriesPerSecond: round(ENTRIES / writeSeconds),
    requestsPer1000Entries: per1000(sum(liveRequests), ENTRIES),
    requestsByOperationPer1000Entries: Object.fromEntries(
      [...liveRequests].map(([op, n]) => [op, per1000(n, ENTRIES)]),
    ),
    writeUnitsPer1000Entries: per1000(sum(units), ENTRIES),
    writeUnitsByOperationPer1000Entries: Object.fromEntries(
      [...units].map(([op, n]) => [op, per1000(n, ENTRIES)]),
    ),
    computedWriteUnitsPer1000Entries: per1000(computedUnits, ENTRIES),
    writeUnitsSource: reported
      ? 'reported by the server'
      : 'computed from item sizes',
    rollupUpdatesPer1000Entries: {
      measured: per1000(updates, ENTRIES),
      oneAddPerEntry: per1000(perEntryUpdates, ENTRIES),
      oneAddPerKeyPerBatchOf25: per1000(perBatchUpdates, ENTRIES),
    },
    rollupWriteUnitsSavedPer1000Entries: {
      vsOneAddPerEntry: per1000(
        (perEntryUpdates - updates) * unitsPerUpdate,
        ENTRIES,
      ),
      vsOneAddPerKeyPerBatchOf25: per1000(
        (perBatchUpdates - updates) * unitsPerUpdate,
        ENTRIES,
      ),
    },
    named,
    queries: byQuery,
    queryP50Ms: round(percentile(all, 50)),
    queryP99Ms: round(percentile(all, 99)),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : round((s[m - 1] + s[m]) / 2);
};

/** Median and min–max of one number over the runs. */
function spread(runs: RunResult[], pick: (r: RunResult) => number) {
  const xs = runs.map(pick);
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

async function benchStore(name: StoreName) {
  const store: BenchStore = await startStore(name);
  const ddb = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const counter = countRequests(ddb);
  try {
    const runs: RunResult[] = [];
    for (let run = 1; run <= RUNS; run++) {
      runs.push(await runOnce(ddb, counter, store, run));
      process.stderr.write(`${name} run ${run}/${RUNS} done\n`);
    }
    const last = runs[runs.length - 1];
    return {
      store: name,
      runs,
      median: {
        entriesPerSecond: spread(runs, r => r.entriesPerSecond),
        requestsPer1000Entries: spread(runs, r => r.requestsPer1000Entries),
        writeUnitsPer1000Entries: spread(runs, r => r.writeUnitsPer1000Entries),
        computedWriteUnitsPer1000Entries: spread(
          runs,
          r => r.computedWriteUnitsPer1000Entries,
        ),
        rollupUpdatesPer1000Entries: spread(
          runs,
          r => r.rollupUpdatesPer1000Entries.measured,
        ),
        namedEntriesPerSecond: runs[0].named
          ? spread(runs, r => r.named!.entriesPerSecond)
          : undefined,
        queryP50Ms: spread(runs, r => r.queryP50Ms),
        queryP99Ms: spread(runs, r => r.queryP99Ms),
        queries: Object.fromEntries(
          Object.keys(last.queries).map(q => [
            q,
            {
              p50Ms: median(runs.map(r => r.queries[q].p50Ms)),
              p99Ms: median(runs.map(r => r.queries[q].p99Ms)),
            },
          ]),
        ),
      },
    };
  } finally {
    ddb.destroy();
    await store.stop();
  }
}

type StoreResult = Awaited<ReturnType<typeof benchStore>>;

function table(results: StoreResult[]): string {
  const fmt = (s: { median: number; min: number; max: number }) =>
    `${s.median} (${s.min}–${s.max})`;
  const rows: string[][] = [
    ['', ...results.map(r => `${r.store}: median (min–max)`)],
    [
      'live entries/s (trackCost)',
      ...results.map(r => fmt(r.median.entriesPerSecond)),
    ],
    [
      'DynamoDB requests / 1,000 entries',
      ...results.map(r => fmt(r.median.requestsPer1000Entries)),
    ],
  ];
  const ops = [
    ...new Set(
      results.flatMap(r =>
        r.runs.flatMap(x => Object.keys(x.requestsByOperationPer1000Entries)),
      ),
    ),
  ];
  for (const op of ops) {
    rows.push([
      `  ${op}`,
      ...results.map(r =>
        String(
          median(r.runs.map(x => x.requestsByOperationPer1000Entries[op] ?? 0)),
        ),
      ),
    ]);
  }
  rows.push(
    [
      '  rollup updates if one ADD per entry / per key per batch of 25',
      ...results.map(r => {
        const x = r.runs[0].rollupUpdatesPer1000Entries;
        return `${x.oneAddPerEntry} / ${x.oneAddPerKeyPerBatchOf25}`;
      }),
    ],
    [
      'write units / 1,000 entries',
      ...results.map(
        r =>
          `${fmt(r.median.writeUnitsPer1000Entries)} ${
            r.runs[0].writeUnitsSource === 'reported by the server'
              ? 'reported'
              : 'computed'
          }`,
      ),
    ],
    [
      '  computed (table + 3 indexes per entry, 1 per rollup update)',
      ...results.map(r => fmt(r.median.computedWriteUnitsPer1000Entries)),
    ],
    [
      '  rollup write units saved vs per entry / per batch of 25',
      ...results.map(r => {
        const x = r.runs.map(y => y.rollupWriteUnitsSavedPer1000Entries);
        return `${median(x.map(y => y.vsOneAddPerEntry))} / ${median(
          x.map(y => y.vsOneAddPerKeyPerBatchOf25),
        )}`;
      }),
    ],
    [
      `named entries/s (exactly once, ${NAMED_ENTRIES})`,
      ...results.map(r =>
        r.median.namedEntriesPerSecond
          ? fmt(r.median.namedEntriesPerSecond)
          : 'n/a (no transactions)',
      ),
    ],
    [
      '  requests / 1,000 named entries',
      ...results.map(r =>
        r.runs[0].named
          ? String(median(r.runs.map(x => x.named!.requestsPer1000Entries)))
          : 'n/a',
      ),
    ],
    ['query p50 ms', ...results.map(r => fmt(r.median.queryP50Ms))],
    ['query p99 ms', ...results.map(r => fmt(r.median.queryP99Ms))],
    ...Object.keys(results[0].median.queries).map(q => [
      `  ${q} p50 / p99`,
      ...results.map(
        r => `${r.median.queries[q].p50Ms} / ${r.median.queries[q].p99Ms}`,
      ),
    ]),
  );
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  return rows
    .map(r => r.map((cell, c) => cell.padEnd(widths[c])).join('  '))
    .join('\n');
}

async function main() {
  const results: StoreResult[] = [];
  for (const name of STORES) results.push(await benchStore(name));
  const document = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    entries: ENTRIES,
    historyEntries: HISTORY,
    days: DAYS,
    runs: RUNS,
    results,
  };
  process.stdout.write(`${table(results)}\n\n${JSON.stringify(document)}\n`);
}

main().catch(err => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
