/**
 * `npm run bench:limiter`: decisions per second and latency of the limiter at
 * concurrency 1, 16 and 256, against rate-limiter-flexible's RateLimiterRedis
 * (same Redis, same client options) and against `redis-benchmark` running our
 * consume script by EVALSHA (the ceiling: no Node.js client in the way), once
 * with one decision per call and once with the decisions per call our client
 * sends (it coalesces the decisions in flight, at most DEFAULT_MAX_BATCH_SIZE
 * per call; the report shows the decisions per call Redis actually ran).
 * Prints a JSON document, then a table.
 *
 * Fairness (method in the README): one redis-server for all; one connection
 * per subject with `concurrency` requests in flight (the clients: that many
 * concurrent callers on one auto-pipelined ioredis connection; the ceilings:
 * `redis-benchmark -c 1 -P <concurrency ÷ decisions per call>`); the same uniform draw over
 * BENCH_CREATORS creators, each subject in its own key prefix; a warm-up run
 * before every measured run. Every round runs each subject once, in an order
 * rotated from round to round, so background load and Redis' growing keyspace
 * hit all of them alike; the median round is reported with the spread.
 *
 * Options (env): BENCH_SECONDS per run (default 2), BENCH_ROUNDS (default 5),
 * BENCH_CREATORS (default 1000000), BENCH_AUTO_PIPELINING (default 1; 0 gives
 * both clients' connections no auto-pipelining: it changes the peer, whose
 * commands go through it, and not ours, which writes its script calls itself).
 */
import Redis from 'ioredis';
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import os from 'node:os';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { startRedis } from '@prod-hardening/dev-stack';
import {
  createRateLimiter,
  DEFAULT_MAX_BATCH_SIZE,
} from '../src/limiter/redisRateLimiter';
import { LIMITER_SCRIPT, scriptArguments } from '../src/limiter/scripts';
import { DEFAULT_LIMITS } from '../src/contract';
import { percentile, round, table } from '@prod-hardening/dev-stack/bench';
import { scriptCalls } from '../testUtils/scriptCalls';

const CONCURRENCY = [1, 16, 256];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// Many creators each sending now and then, like the real workload: most
// decisions allow the send (and write), as in production. A small number
// (e.g. 1000) measures hot creators instead, where most decisions are denials.
const CREATORS = Number(process.env.BENCH_CREATORS ?? 1_000_000);
const WARM_UP_SECONDS = 1;
// Both clients get the same options. Auto-pipelining is what the Lambda uses
// (src/dependencies.ts); turning it off measures what it brings.
const AUTO_PIPELINING = process.env.BENCH_AUTO_PIPELINING !== '0';

const OURS = 'ours (createRateLimiter)';
const PEER = 'rate-limiter-flexible RateLimiterRedis';
const CEILING = 'redis-benchmark EVALSHA (ceiling)';
const BATCHED_CEILING = 'redis-benchmark EVALSHA, batched as ours';

interface Run {
  decisionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of decisions that allowed the send; unknown for redis-benchmark. */
  allowedShare?: number;
  /** Decisions per script call (EVAL/EVALSHA) Redis ran, measured from its command stats. */
  decisionsPerCall?: number;
}

type Subject = (concurrency: number) => Promise<Run>;

/** `concurrency` callers in a loop, each with one decision in flight, for `seconds`. */
async function callers(
  concurrency: number,
  seconds: number,
  decide: (userId: string) => Promise<boolean>,
): Promise<Run & { decisions: number }> {
  const latencies: number[] = [];
  let allowed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const userId = `creator-${Math.floor(Math.random() * CREATORS)}`;
        const sent = performance.now();
        if (await decide(userId)) allowed++;
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    decisions: latencies.length,
    decisionsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    allowedShare: round(allowed / latencies.length, 3),
  };
}

function clientSubject(
  redis: Redis,
  decide: (userId: string) => Promise<boolean>,
): Subject {
  return async concurrency => {
    await callers(concurrency, WARM_UP_SECONDS, decide);
    const callsBefore = await scriptCalls(redis);
    const run = await callers(concurrency, SECONDS, decide);
    const calls = (await scriptCalls(redis)) - callsBefore;
    return { ...run, decisionsPerCall: round(run.decisions / calls, 1) };
  };
}

/**
 * redis-benchmark on one connection with `concurrency` decisions in flight, the
 * way the clients run: `decisionsPerCall(concurrency)` creators per EVALSHA
 * (each key drawn on its own) and as many calls pipelined as that leaves. It
 * cannot vary arguments per call except the keys, so the clock is the run's
 * start time for every decision of the run.
 */
function ceilingSubject(
  port: number,
  sha: string,
  decisionsPerCall: (concurrency: number) => number,
): Subject {
  const ratePerConcurrency = new Map<number, number>();
  const run = async (concurrency: number, decisions: number): Promise<Run> => {
    const perCall = decisionsPerCall(concurrency);
    const now = String(Date.now());
    const keys = Array.from(
      { length: perCall },
      () => 'bench:ceiling:{creator-__rand_int__}',
    );
    // prettier-ignore
    const { stdout } = await promisify(execFile)('redis-benchmark', [
      '-p', String(port),
      '-c', '1',
      '-P', String(Math.max(1, Math.round(concurrency / perCall))),
      '-n', String(Math.max(1, Math.round(decisions / perCall))),
      '-r', String(CREATORS),
      '--csv',
      'EVALSHA', sha, String(perCall), ...keys,
      ...scriptArguments('consume', DEFAULT_LIMITS).map(String),
      ...keys.map(() => now),
    ]);
    const lines = stdout.trim().split('\n');
    const header = JSON.parse(`[${lines[0]}]`) as string[];
    const values = JSON.parse(`[${lines[lines.length - 1]}]`) as string[];
    const field = (name: string) => Number(values[header.indexOf(name)]);
    return {
      decisionsPerSecond: Math.round(field('rps') * perCall),
      p50Ms: field('p50_latency_ms'),
      p99Ms: field('p99_latency_ms'),
      decisionsPerCall: perCall,
    };
  };
  return async concurrency => {
    // size the run so that it lasts about as long as the clients' runs
    const rate = ratePerConcurrency.get(concurrency) ?? 20_000;
    await run(concurrency, Math.round(rate * WARM_UP_SECONDS));
    const result = await run(
      concurrency,
      Math.max(10_000, Math.round(rate * SECONDS)),
    );
    ratePerConcurrency.set(concurrency, result.decisionsPerSecond);
    return result;
  };
}

interface Summary extends Run {
  subject: string;
  concurrency: number;
  /** decisions/s of every round, in round order. */
  rounds: number[];
  min: number;
  max: number;
}

/** The median round (by decisions/s) with the spread of all rounds. */
function summarize(subject: string, concurrency: number, runs: Run[]): Summary {
  const rates = runs.map(r => r.decisionsPerSecond);
  const median = [...runs].sort(
    (a, b) => a.decisionsPerSecond - b.decisionsPerSecond,
  )[runs.length >> 1];
  return {
    subject,
    concurrency,
    ...median,
    rounds: rates,
    min: Math.min(...rates),
    max: Math.max(...rates),
  };
}

async function main() {
  const server = await startRedis();
  const clientOptions = { enableAutoPipelining: AUTO_PIPELINING };
  const ours = new Redis(server.url, clientOptions);
  const peers = new Redis(server.url, clientOptions);
  try {
    const limiter = createRateLimiter({ redis: ours, keyPrefix: 'bench:ours' });
    const peer = new RateLimiterRedis({
      storeClient: peers,
      keyPrefix: 'bench:peer',
      points: DEFAULT_LIMITS.windowLimit,
      duration: DEFAULT_LIMITS.windowMs / 1000,
    });
    const sha = (await ours.script('LOAD', LIMITER_SCRIPT)) as string;
    const subjects: [string, Subject][] = [
      [
        OURS,
        clientSubject(
          ours,
          async userId => (await limiter.consume(userId, Date.now())).allowed,
        ),
      ],
      [
        PEER,
        // a rejection is a "denied" decision, not an error
        clientSubject(peers, userId =>
          peer.consume(userId).then(
            () => true,
            () => false,
          ),
        ),
      ],
      [CEILING, ceilingSubject(server.port, sha, () => 1)],
      [
        BATCHED_CEILING,
        ceilingSubject(server.port, sha, c =>
          Math.min(c, DEFAULT_MAX_BATCH_SIZE),
        ),
      ],
    ];

    const loadBefore = os.loadavg().map(l => round(l, 2));
    const results: Summary[] = [];
    for (const concurrency of CONCURRENCY) {
      const runs = new Map<string, Run[]>(subjects.map(([name]) => [name, []]));
      for (let r = 0; r < ROUNDS; r++) {
        const order = subjects.map(
          (_, i) => subjects[(i + r) % subjects.length],
        );
        for (const [name, subject] of order)
          runs.get(name)!.push(await subject(concurrency));
      }
      for (const [name] of subjects)
        results.push(summarize(name, concurrency, runs.get(name)!));
    }
    const rate = (subject: string, concurrency: number) =>
      results.find(r => r.subject === subject && r.concurrency === concurrency)!
        .decisionsPerSecond;
    const target = {
      atLeastPeerAtEveryConcurrency: Object.fromEntries(
        CONCURRENCY.map(c => [c, round(rate(OURS, c) / rate(PEER, c), 2)]),
      ),
      withinTwiceOfCeilingAt256: round(rate(CEILING, 256) / rate(OURS, 256), 2),
      // the same with Redis running our batches without any client in the way
      batchedCeilingOverOursAt256: round(
        rate(BATCHED_CEILING, 256) / rate(OURS, 256),
        2,
      ),
    };
    const report = {
      redis: (await ours.info('server')).match(/redis_version:(\S+)/)?.[1],
      node: process.version,
      secondsPerRun: SECONDS,
      rounds: ROUNDS,
      cpus: os.cpus().length,
      loadAverage: {
        before: loadBefore,
        after: os.loadavg().map(l => round(l, 2)),
      },
      creators: CREATORS,
      clientOptions,
      // ours ÷ peer per concurrency (≥ 1 meets it) and ceiling ÷ ours at 256 (≤ 2 meets it)
      target,
      results,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
    process.stdout.write(
      `${table(
        results.map(r => ({
          subject: r.subject,
          concurrency: r.concurrency,
          'decisions/s (median)': r.decisionsPerSecond,
          'min–max': `${r.min}–${r.max}`,
          p50Ms: r.p50Ms,
          p99Ms: r.p99Ms,
          allowed:
            r.allowedShare === undefined
              ? '—'
              : `${Math.round(r.allowedShare * 100)}%`,
          'decisions/call': r.decisionsPerCall ?? '—',
        })),
      )}\n`,
    );
  } finally {
    ours.disconnect();
    peers.disconnect();
    await server.stop();
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
