/**
 * `npm run bench:limiter`: decisions per second and latency of the limiter at
 * concurrency 1, 16 and 256, against rate-limiter-flexible's RateLimiterRedis
 * (same Redis, same client options) and against `redis-benchmark` running our
 * script by EVALSHA (the ceiling: no Node.js client in the way).
 * Prints a JSON document, then a table.
 *
 * Each subject runs BENCH_ROUNDS times per concurrency, interleaved with the
 * peer so that background load hits both alike; the median round is reported.
 *
 * Options (env): BENCH_SECONDS per run (default 2), BENCH_ROUNDS (default 3),
 * BENCH_CREATORS (default 10000).
 */
import Redis from 'ioredis';
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import os from 'node:os';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { startRedis } from '@prod-hardening/dev-stack';
import { createRateLimiter } from '../src/limiter/redisRateLimiter';
import { CONSUME_SCRIPT } from '../src/limiter/scripts';
import { DEFAULT_LIMITS, idleTtlMs } from '../src/limiter/limits';
import { percentile, round, table } from './stats';

const CONCURRENCY = [1, 16, 256];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CREATORS = Number(process.env.BENCH_CREATORS ?? 10_000);

interface Result {
  subject: string;
  concurrency: number;
  decisionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(
  subject: string,
  concurrency: number,
  decide: (userId: string) => Promise<unknown>,
): Promise<Result> {
  const run = async (seconds: number, latencies: number[] | undefined) => {
    const deadline = performance.now() + seconds * 1000;
    let count = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const userId = `creator-${Math.floor(Math.random() * CREATORS)}`;
          const started = performance.now();
          await decide(userId);
          latencies?.push(performance.now() - started);
          count++;
        }
      }),
    );
    return count;
  };
  await run(1, undefined); // warm-up: connections, script cache, JIT
  const latencies: number[] = [];
  const started = performance.now();
  const count = await run(SECONDS, latencies);
  const elapsed = (performance.now() - started) / 1000;
  return {
    subject,
    concurrency,
    decisionsPerSecond: Math.round(count / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
}

async function redisBenchmark(port: number, sha: string, concurrency: number): Promise<Result> {
  const requests = concurrency === 1 ? 30_000 : 100_000;
  const { stdout } = await promisify(execFile)('redis-benchmark', [
    '-p', String(port),
    '-c', String(concurrency),
    '-n', String(requests),
    '-r', String(CREATORS),
    '--csv',
    'EVALSHA', sha,
    '1', 'rate_limit:bench:{__rand_int__}',
    String(Date.now()),
    String(DEFAULT_LIMITS.capacity), String(DEFAULT_LIMITS.refillIntervalMs),
    String(DEFAULT_LIMITS.windowLimit), String(DEFAULT_LIMITS.windowMs),
    String(idleTtlMs(DEFAULT_LIMITS)),
  ]);
  const lines = stdout.trim().split('\n');
  const header = JSON.parse(`[${lines[0]}]`) as string[];
  const values = JSON.parse(`[${lines[lines.length - 1]}]`) as string[];
  const field = (name: string) => Number(values[header.indexOf(name)]);
  return {
    subject: 'redis-benchmark EVALSHA (ceiling)',
    concurrency,
    decisionsPerSecond: Math.round(field('rps')),
    p50Ms: field('p50_latency_ms'),
    p99Ms: field('p99_latency_ms'),
  };
}

async function main() {
  const server = await startRedis();
  const clientOptions = { enableAutoPipelining: true };
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
    const sha = (await ours.script('LOAD', CONSUME_SCRIPT)) as string;

    const median = (runs: Result[]) =>
      [...runs].sort((a, b) => a.decisionsPerSecond - b.decisionsPerSecond)[runs.length >> 1];
    const results: Result[] = [];
    for (const concurrency of CONCURRENCY) {
      const ourRuns: Result[] = [];
      const peerRuns: Result[] = [];
      const ceilingRuns: Result[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ourRuns.push(
          await measure('ours (createRateLimiter)', concurrency, userId =>
            limiter.consume(userId, Date.now()),
          ),
        );
        peerRuns.push(
          await measure('rate-limiter-flexible RateLimiterRedis', concurrency, userId =>
            // a rejection is a "denied" decision, not an error
            peer.consume(userId).catch(() => undefined),
          ),
        );
        ceilingRuns.push(await redisBenchmark(server.port, sha, concurrency));
      }
      results.push(median(ourRuns), median(peerRuns), median(ceilingRuns));
    }
    const report = {
      redis: (await ours.info('server')).match(/redis_version:(\S+)/)?.[1],
      node: process.version,
      secondsPerRun: SECONDS,
      rounds: ROUNDS,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map(l => round(l, 2)),
      creators: CREATORS,
      clientOptions,
      results,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n\n`);
    process.stdout.write(`${table(results.map(r => ({ ...r })))}\n`);
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
