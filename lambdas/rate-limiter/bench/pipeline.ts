/**
 * `npm run bench:pipeline` (also `npm run test:pipeline`): the end-to-end run of
 * issue 16, through moto SQS → local event source mapping → real handler →
 * Redis → stub messaging API:
 *   - 1,000 msg/min over 200 creators for 10 minutes (`--minutes N` shortens it),
 *   - plus 100 messages within one second (25 creators × 4) at 1:30,
 *   - Redis stopped for 30 s from 1:00 (restarted empty on the same port),
 *   - as many Lambda instances as the event source mapping's maximum concurrency
 *     (`MAX_CONCURRENCY`, default 2 = Terraform's `rate_limiter_max_concurrency`).
 * Then waits until every message is delivered or dead-lettered and checks: no
 * limit violation seen by the stub, every message delivered exactly once or in
 * the DLQ with a reason, fallback engaged during the outage and Redis back in
 * use afterwards. Exits 1 if a check fails.
 *
 * moto runs through `bench/moto_server_sqs_fix.py` (stock moto_server with two
 * O(queue length) recomputations per received message removed, see there);
 * `--stock-moto` runs the unmodified `moto_server` instead.
 *
 * Options: `--minutes N` (default 10), `--quick` (1 minute at 300 msg/min over
 * 50 creators, 10 s outage: a smoke run), `--stock-moto`. Env overrides:
 * PIPELINE_MINUTES, PIPELINE_RATE_PER_MIN, PIPELINE_CREATORS, PIPELINE_BURST,
 * PIPELINE_OUTAGE_AT_S, PIPELINE_OUTAGE_S, MAX_CONCURRENCY.
 *
 * Output (stdout): a readable table, then the report as ONE JSON line (the last
 * line, for the one-report `npm run bench`). Progress goes to stderr. Fields:
 *   - `summary`: the headline numbers, also in the table:
 *     `offeredPerMinute` (produced ÷ produce time), `throughputPerMinute`
 *     (delivered while producing ÷ produce time), `deliveredShare` (throughput ÷
 *     offered), `deliveredPerMinute` (all delivered ÷ time from start to the last
 *     arrival, the drain included), `drainSeconds` (last arrival − end of producing),
 *     `maxQueueDepth` (visible + in flight + delayed),
 *     `withinLimitP50Ms` / `withinLimitP99Ms` (enqueue → API, never-deferred
 *     messages), `deferredCount`, `deferralCopies` (deferred copies re-sent in all)
 *     and `copiesPerDeferredMean` / `Max` (per deferred message; 1 is ideal),
 *     `deferredP50Ms` / `deferredP99Ms` (deferred
 *     messages: from the earliest send time the limiter gave them → API),
 *     `violations`, `duplicates` (requests repeating an accepted idempotency key,
 *     absorbed by the API), `duplicateDeliveries`, `lost`, `deadLettered`, `passed`;
 *   - `scenario`: the parameters above and `moto` (`fixed` or `stock`);
 *   - `checks` and `passed`; `violations`, `missing` (first 10 of each);
 *     `missingDetail`: per missing message, the deferred copies SQS confirmed
 *     and the API requests seen (tells a lost copy from a lost original);
 *   - `timings`: per invocation receive / handler / delete ms, batch size, and
 *     API send ms per message (count, p50, p99, mean);
 *   - `pollers`: the most pollers reached and the number every 20 s;
 *   - `cpuShare`: CPU seconds per wall second of moto, this process, Redis;
 *   - `queueDepth`: its maximum and the depth (total and visible) every 20 s;
 *     `invocationsEveryTwentySeconds`: invocations ended per 20-s slot;
 *   - `decisionLatencyMs`, `endToEndLatencyMs`, `deferredLatencyMs`: as above,
 *     with counts; `throughputPerMinute`, `offeredPerMinute`,
 *     `durationSeconds`, `drainSeconds`, `load` (`os.loadavg()` at start and end).
 */
import {
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startMoto, startRedis, RedisServer } from '@prod-hardening/dev-stack';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from '../src/config';
import { createDependencies, Dependencies } from '../src/dependencies';
import { createHandler } from '../src/handler';
import { ensureQueues } from '../local/queues';
import { startStubApi } from '../local/stubApi';
import { LocalEventSourceMapping } from '../local/eventSourceMapping';
import { receiveAll } from '../testUtils/localStack';
import { percentile, round, table } from '@prod-hardening/dev-stack/bench';
import { performance } from 'node:perf_hooks';

const quick = process.argv.includes('--quick');
const stockMoto = process.argv.includes('--stock-moto');
const num = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
/** `--minutes N` or `--minutes=N`. */
function minutesFlag(): number | undefined {
  const i = process.argv.findIndex(a => a.startsWith('--minutes'));
  if (i < 0) return undefined;
  const value = process.argv[i].includes('=')
    ? process.argv[i].split('=')[1]
    : process.argv[i + 1];
  const minutes = Number(value);
  if (!(minutes > 0))
    throw new Error(`--minutes needs a positive number, got ${value}`);
  return minutes;
}
const MINUTES = minutesFlag() ?? num('PIPELINE_MINUTES', quick ? 1 : 10);
const RATE = num('PIPELINE_RATE_PER_MIN', quick ? 300 : 1_000);
const CREATORS = num('PIPELINE_CREATORS', quick ? 50 : 200);
const BURST = num('PIPELINE_BURST', 100);
const OUTAGE_AT_S = num('PIPELINE_OUTAGE_AT_S', quick ? 20 : 60);
const OUTAGE_S = num('PIPELINE_OUTAGE_S', quick ? 10 : 30);
const BURST_AT_S = quick ? 40 : 90;
const DRAIN_TIMEOUT_S = 6 * 60;

const log = (message: string, extra: object = {}) =>
  process.stderr.write(
    `${new Date().toISOString()} ${message} ${JSON.stringify(extra)}\n`,
  );
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** CPU seconds a process has used so far (utime + stime from /proc), Linux only. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]
      .split(' ');
    // fields after "(comm) ": state is [0], utime [11], stime [12], in clock ticks
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * The first sample of each 20-s slot (by its `atS`), or with `count` the
 * number of samples per slot: a time series that does not stretch when
 * samples come late.
 */
function everyTwentySeconds<T extends { atS: number }>(samples: T[]): T[];
function everyTwentySeconds(samples: { atS: number }[], count: true): number[];
function everyTwentySeconds<T extends { atS: number }>(
  samples: T[],
  count?: true,
): (T | number)[] {
  const slots = new Map<number, T[]>();
  for (const sample of samples) {
    const slot = Math.floor(sample.atS / 20);
    slots.set(slot, [...(slots.get(slot) ?? []), sample]);
  }
  const last = Math.max(-1, ...slots.keys());
  return Array.from({ length: last + 1 }, (_, slot) => {
    const inSlot = slots.get(slot) ?? [];
    return count ? inSlot.length : inSlot[0];
  }).filter(v => v !== undefined);
}

const spread = (values: number[]) => ({
  count: values.length,
  p50: round(percentile(values, 50), 1),
  p99: round(percentile(values, 99), 1),
  mean: round(values.reduce((a, b) => a + b, 0) / (values.length || 1), 1),
});

async function main() {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  process.env.AWS_ACCESS_KEY_ID ??= credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= credentials.secretAccessKey;
  const [moto, firstRedis, stub] = await Promise.all([
    startMoto(
      stockMoto ? {} : { command: join(__dirname, 'moto_server_sqs_fix.py') },
    ),
    startRedis(),
    startStubApi(),
  ]);
  let redis: RedisServer = firstRedis;
  // one SQS client per party, as in AWS: the producer, the poller service, the
  // depth sampler and each Lambda instance (built by createDependencies). One
  // shared client let the producer's catch-up fill its 50 sockets and queue the
  // instances' receives and deferrals behind it.
  const sqsClient = () =>
    new SQSClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials,
    });
  const sqs = sqsClient();
  const pollerSqs = sqsClient();
  const samplerSqs = sqsClient();
  const queues = await ensureQueues(sqs, { visibilityTimeoutSeconds: 10 });
  const config = loadConfig({
    ...process.env,
    REDIS_URL: redis.url,
    QUEUE_URL: queues.queueUrl,
    DLQ_URL: queues.deadLetterQueueUrl,
    AWS_ENDPOINT_URL: moto.endpoint,
    MESSAGING_API_BASE_URL: stub.url,
    MESSAGING_API_TOKEN: 'local-token',
  });

  const decisionLatencies: number[] = [];
  const redisDecisionLatencies: number[] = [];
  const fallbackDecisions = { count: 0 };
  const apiLatencies: number[] = [];
  // when the limiter last said a creator's next slot frees up, and per deferred
  // message the latest such time: its latency is measured from there
  const nextSlotOf = new Map<string, number>();
  const allowedAt = new Map<string, number>();
  /** Deferred copies SQS confirmed, per producer messageId (to trace a lost message). */
  const confirmedCopies = new Map<string, number>();
  const instances: Dependencies[] = [];
  for (let i = 0; i < config.maxConcurrency; i++) {
    const deps = await createDependencies(config, {
      logger: new Logger({ serviceName: 'rate-limiter', logLevel: 'WARN' }),
    });
    const consume = deps.limiter.consume.bind(deps.limiter);
    deps.limiter.consume = async (userId, nowMs) => {
      const t = performance.now();
      const decision = await consume(userId, nowMs);
      const latency = performance.now() - t;
      decisionLatencies.push(latency);
      if (decision.source === 'redis') redisDecisionLatencies.push(latency);
      if (!decision.allowed) {
        nextSlotOf.set(
          userId,
          nowMs + (decision.retryAfter ?? config.limits.refillIntervalMs),
        );
      }
      return decision;
    };
    const send = deps.client.send.bind(deps.client);
    deps.client.send = async message => {
      const t = performance.now();
      try {
        return await send(message);
      } finally {
        apiLatencies.push(performance.now() - t);
      }
    };
    const deferAll = deps.queues.deferAll.bind(deps.queues);
    deps.queues.deferAll = async entries => {
      for (const entry of entries) {
        const { messageId, userId } = JSON.parse(entry.body);
        allowedAt.set(
          messageId,
          nextSlotOf.get(userId) ?? Date.now() + entry.delaySeconds * 1000,
        );
      }
      const unsent = await deferAll(entries);
      entries.forEach((entry, index) => {
        if (unsent.has(index)) return;
        const { messageId } = JSON.parse(entry.body);
        confirmedCopies.set(
          messageId,
          (confirmedCopies.get(messageId) ?? 0) + 1,
        );
      });
      return unsent;
    };
    const count = deps.metrics.count.bind(deps.metrics);
    deps.metrics.count = (name, nowMs, by) => {
      if (name === 'fallback') fallbackDecisions.count += by ?? 1;
      count(name, nowMs, by);
    };
    instances.push(deps);
  }
  /** When each invocation ended (epoch ms). */
  const invocationTimes: number[] = [];
  const phases = {
    receiveMs: [] as number[],
    handlerMs: [] as number[],
    deleteMs: [] as number[],
    batchSize: [] as number[],
  };
  const mapping = new LocalEventSourceMapping({
    sqs: pollerSqs,
    queueUrl: queues.queueUrl,
    queueArn: queues.queueArn,
    handlers: instances.map(d => createHandler(d)),
    onInvocation: r => {
      invocationTimes.push(Date.now());
      phases.receiveMs.push(r.receiveMs);
      phases.handlerMs.push(r.handlerMs);
      phases.deleteMs.push(r.deleteMs);
      phases.batchSize.push(r.received);
    },
    onError: error => log('mapping error', { error: String(error) }),
  });
  mapping.start();

  // queue depth (visible + in flight + delayed) every 2 s, sampled on its own
  // client so a slow emulator delays the samples, not the producer
  const depthSamples: {
    atS: number;
    visible: number;
    total: number;
    pollers: number;
  }[] = [];
  const sampleStarted = Date.now();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const { Attributes: a = {} } = await samplerSqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queues.queueUrl,
            AttributeNames: [
              'ApproximateNumberOfMessages',
              'ApproximateNumberOfMessagesNotVisible',
              'ApproximateNumberOfMessagesDelayed',
            ],
          }),
        );
        const visible = Number(a.ApproximateNumberOfMessages ?? 0);
        depthSamples.push({
          pollers: mapping.concurrency,
          atS: round((Date.now() - sampleStarted) / 1000, 1),
          visible,
          total:
            visible +
            Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) +
            Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
        });
      } catch (error) {
        log('depth sample failed', { error: String(error) });
      }
      await sleep(2_000);
    }
  })();
  const cpuAtStart = {
    moto: cpuSecondsOf(moto.process.pid),
    redis: cpuSecondsOf(redis.process.pid),
    node: process.cpuUsage(),
  };

  const producedAt = new Map<string, number>();
  let sequence = 0;
  async function produce(userIds: string[]) {
    for (let i = 0; i < userIds.length; i += 10) {
      // numbering messages in order is the point: the callback runs at once, in order
      // eslint-disable-next-line no-loop-func
      const entries = userIds.slice(i, i + 10).map(userId => {
        const messageId = `pipeline-${++sequence}`;
        producedAt.set(messageId, Date.now());
        return {
          Id: String(sequence),
          MessageBody: JSON.stringify({
            messageId,
            userId,
            fanId: `fan-${sequence % 997}`,
            message: 'Hey! Thanks for subscribing',
            timestamp: Math.floor(Date.now() / 1000),
          }),
          MessageAttributes: {
            userId: { DataType: 'String', StringValue: userId },
          },
        };
      });
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queues.queueUrl,
          Entries: entries,
        }),
      );
    }
  }
  const creator = () => `creator-${Math.floor(Math.random() * CREATORS)}`;

  const loadAtStart = loadavg();
  const started = Date.now();
  const totalMs = MINUTES * 60_000;
  const tickMs = 600;
  const target = Math.round((RATE * totalMs) / 60_000);
  let steady = 0;
  let outage: Promise<void> | undefined;
  let outageStartedAt = Infinity;
  let outageEndedAt = Infinity;
  let burstDone = false;
  const modesAfterOutage: string[] = [];
  log('producing', {
    minutes: MINUTES,
    ratePerMinute: RATE,
    creators: CREATORS,
  });
  // produce on schedule by count: if the emulator falls behind, catch up in parallel
  for (let tick = 0; steady < target; tick++) {
    const elapsedS = (Date.now() - started) / 1000;
    if (!outage && elapsedS >= OUTAGE_AT_S) {
      // the one outage of the run records its times for the report after the loop
      // eslint-disable-next-line no-loop-func
      outage = (async () => {
        log('stopping Redis');
        outageStartedAt = Date.now();
        await redis.stop();
        await sleep(OUTAGE_S * 1000);
        redis = await startRedis({ port: redis.port });
        outageEndedAt = Date.now();
        log('Redis back');
      })();
    }
    if (!burstDone && elapsedS >= BURST_AT_S && BURST > 0) {
      burstDone = true;
      const burstCreators = Array.from(
        { length: Math.ceil(BURST / 4) },
        (_, i) => `burst-${i}`,
      );
      const ids = Array.from(
        { length: BURST },
        (_, i) => burstCreators[i % burstCreators.length],
      );
      const t = Date.now();
      await Promise.all(
        Array.from({ length: Math.ceil(BURST / 10) }, (_, i) =>
          produce(ids.slice(i * 10, i * 10 + 10)),
        ),
      );
      log('burst sent', { messages: BURST, ms: Date.now() - t });
    }
    const due =
      Math.min(target, Math.floor((RATE * (Date.now() - started)) / 60_000)) -
      steady;
    steady += due;
    const batches = Array.from({ length: Math.ceil(due / 10) }, (_, i) =>
      Array.from({ length: Math.min(10, due - i * 10) }, creator),
    );
    await Promise.all(batches.map(produce));
    const next = started + (tick + 1) * tickMs;
    await sleep(Math.max(0, next - Date.now()));
  }
  await outage;
  const producedUntil = Date.now();
  log('produced', {
    messages: producedAt.size,
    seconds: (producedUntil - started) / 1000,
  });

  // drain: until every message is delivered or dead-lettered
  const delivered = () => new Set(stub.deliveries.map(d => d.idempotencyKey));
  const deadLettered = new Map<string, string>();
  const drainDeadline = Date.now() + DRAIN_TIMEOUT_S * 1000;
  for (;;) {
    for (const m of await receiveAll(sqs, queues.deadLetterQueueUrl)) {
      const id = JSON.parse(m.Body ?? '{}').messageId ?? m.MessageId;
      deadLettered.set(
        id,
        m.MessageAttributes?.['dlq-reason']?.StringValue ?? '',
      );
    }
    const done = delivered().size + deadLettered.size;
    if (done >= producedAt.size || Date.now() > drainDeadline) break;
    log('draining', {
      done,
      of: producedAt.size,
      modes: instances.map(d => d.limiter.mode),
    });
    await sleep(5_000);
  }
  const finishedAt = Math.max(...stub.deliveries.map(d => d.arrivedAt));
  const wallSeconds = (Date.now() - sampleStarted) / 1000;
  const nodeCpu = process.cpuUsage(cpuAtStart.node);
  const cpuShare = {
    note: 'CPU seconds per wall second over produce + drain (1.0 = one core); Redis restarted at the outage counts from then',
    wallSeconds: round(wallSeconds, 1),
    moto: round(
      (cpuSecondsOf(moto.process.pid) - cpuAtStart.moto) / wallSeconds,
    ),
    benchNode: round((nodeCpu.user + nodeCpu.system) / 1e6 / wallSeconds),
    redis: round(cpuSecondsOf(redis.process.pid) / wallSeconds),
  };
  sampling = false;
  await sampler;
  await mapping.stop();
  modesAfterOutage.push(...instances.map(d => d.limiter.mode));

  const deliveredIds = stub.deliveries.map(d => d.idempotencyKey);
  const deliveredSet = new Set(deliveredIds);
  const missing = [...producedAt.keys()].filter(
    id => !deliveredSet.has(id) && !deadLettered.has(id),
  );
  const both = [...deadLettered.keys()].filter(id => deliveredSet.has(id));
  const withoutReason = [...deadLettered.values()].filter(reason => !reason);
  const endToEnd: number[] = [];
  const deferredLateness: number[] = [];
  for (const d of stub.deliveries) {
    const allowed = allowedAt.get(d.idempotencyKey);
    if (allowed !== undefined) deferredLateness.push(d.arrivedAt - allowed);
    else {
      endToEnd.push(
        d.arrivedAt - (producedAt.get(d.idempotencyKey) ?? d.arrivedAt),
      );
    }
  }
  // how often a deferred message was re-sent before it got through: 1 is ideal
  const copiesPerDeferred = [...confirmedCopies.values()];
  const maxDepth = depthSamples.reduce(
    (max, s) => (s.total > max.total ? s : max),
    { atS: 0, visible: 0, total: 0, pollers: 0 },
  );

  const checks = {
    noLimitViolation: stub.violations.length === 0,
    everyMessageDeliveredOrDeadLettered: missing.length === 0,
    noDuplicateDelivery:
      deliveredIds.length === deliveredSet.size && both.length === 0,
    // repeats reach the API only where no shared idempotency record could exist:
    // during the outage and while Redis came back empty (its window after the restart)
    noRepeatedRequestOutsideOutage: stub.repeats.every(
      r =>
        r.arrivedAt >= outageStartedAt && r.arrivedAt <= outageEndedAt + 60_000,
    ),
    everyDeadLetterHasAReason: withoutReason.length === 0,
    fallbackEngaged: OUTAGE_S === 0 || fallbackDecisions.count > 0,
    backOnRedis: modesAfterOutage.every(m => m === 'redis'),
  };
  const offeredPerMinute = round(
    (producedAt.size / (producedUntil - started)) * 60_000,
    1,
  );
  // throughput: what reached the API while the load was offered, per minute; the
  // deferred copies still due when producing stops are the drain, reported apart
  const deliveredWhileProducing = new Set(
    stub.deliveries
      .filter(d => d.arrivedAt <= producedUntil)
      .map(d => d.idempotencyKey),
  ).size;
  const throughputPerMinute = round(
    (deliveredWhileProducing / (producedUntil - started)) * 60_000,
    1,
  );
  const deliveredPerMinute = round(
    (deliveredSet.size / (finishedAt - started)) * 60_000,
    1,
  );
  const summary = {
    offeredPerMinute,
    throughputPerMinute,
    deliveredShare: round(throughputPerMinute / offeredPerMinute, 4),
    deliveredPerMinute,
    drainSeconds: round((finishedAt - producedUntil) / 1000, 1),
    maxQueueDepth: maxDepth.total,
    withinLimitCount: endToEnd.length,
    withinLimitP50Ms: Math.round(percentile(endToEnd, 50)),
    withinLimitP99Ms: Math.round(percentile(endToEnd, 99)),
    deferredCount: deferredLateness.length,
    deferredP50Ms: Math.round(percentile(deferredLateness, 50)),
    deferredP99Ms: Math.round(percentile(deferredLateness, 99)),
    deferralCopies: copiesPerDeferred.reduce((a, b) => a + b, 0),
    copiesPerDeferredMean: round(
      copiesPerDeferred.reduce((a, b) => a + b, 0) /
        (copiesPerDeferred.length || 1),
      2,
    ),
    copiesPerDeferredMax: Math.max(0, ...copiesPerDeferred),
    violations: stub.violations.length,
    duplicates: stub.duplicates,
    duplicateDeliveries: deliveredIds.length - deliveredSet.size + both.length,
    lost: missing.length,
    deadLettered: deadLettered.size,
    passed: Object.values(checks).every(Boolean),
  };
  const report = {
    scenario: {
      minutes: MINUTES,
      ratePerMinute: RATE,
      creators: CREATORS,
      burst: BURST,
      burstAtSeconds: BURST_AT_S,
      outageAtSeconds: OUTAGE_AT_S,
      outageSeconds: OUTAGE_S,
      instances: config.maxConcurrency,
      moto: stockMoto ? 'stock' : 'fixed',
    },
    summary,
    produced: producedAt.size,
    delivered: deliveredSet.size,
    deadLettered: deadLettered.size,
    deadLetterReasons: [...new Set(deadLettered.values())],
    violations: stub.violations.slice(0, 10),
    violationCount: stub.violations.length,
    repeatedApiRequests: {
      note: 'same Idempotency-Key sent again; the API answered 200 without delivering twice',
      count: stub.duplicates,
      secondsAfterStart: stub.repeats.map(r =>
        round((r.arrivedAt - started) / 1000, 1),
      ),
    },
    missing: missing.slice(0, 10),
    missingDetail: missing.slice(0, 10).map(id => ({
      id,
      deferredCopiesConfirmed: confirmedCopies.get(id) ?? 0,
      apiAttempts: stub.attempts.get(id) ?? 0,
    })),
    invocations: phases.batchSize.length,
    pollers: {
      note: 'event source mapping concurrency; the maximum is MAX_CONCURRENCY',
      maxReached: mapping.maxConcurrencyReached,
      everyTwentySeconds: depthSamples
        .filter((_, i) => i % 10 === 0)
        .map(s => s.pollers),
    },
    timings: {
      note: 'ms per invocation of the event source mapping; apiSend per message',
      receive: spread(phases.receiveMs),
      handler: spread(phases.handlerMs),
      delete: spread(phases.deleteMs),
      batchSize: spread(phases.batchSize),
      apiSend: spread(apiLatencies),
    },
    cpuShare,
    queueDepth: {
      note: 'visible + in flight + delayed, sampled every 2 s (slower when the emulator is)',
      max: maxDepth,
      everyTwentySeconds: everyTwentySeconds(depthSamples).map(s => s.total),
      visibleEveryTwentySeconds: everyTwentySeconds(depthSamples).map(
        s => s.visible,
      ),
    },
    invocationsEveryTwentySeconds: everyTwentySeconds(
      invocationTimes.map(at => ({ atS: (at - started) / 1000 })),
      true,
    ),
    fallbackDecisions: fallbackDecisions.count,
    durationSeconds: round((finishedAt - started) / 1000, 1),
    drainSeconds: round((finishedAt - producedUntil) / 1000, 1),
    offeredPerMinute,
    throughputPerMinute,
    load: {
      note: 'os.loadavg() (1, 5, 15 min) at start and at the end of the drain',
      atStart: loadAtStart.map(l => round(l, 2)),
      atEnd: loadavg().map(l => round(l, 2)),
    },
    decisionLatencyMs: {
      note: 'limiter.consume per message; the outage adds Redis timeouts and probes',
      count: decisionLatencies.length,
      p50: round(percentile(decisionLatencies, 50)),
      p99: round(percentile(decisionLatencies, 99)),
      redisOnly: {
        count: redisDecisionLatencies.length,
        p50: round(percentile(redisDecisionLatencies, 50)),
        p99: round(percentile(redisDecisionLatencies, 99)),
      },
    },
    endToEndLatencyMs: {
      note: 'enqueue to arrival at the API, messages never deferred',
      count: endToEnd.length,
      p50: Math.round(percentile(endToEnd, 50)),
      p99: Math.round(percentile(endToEnd, 99)),
    },
    deferredLatencyMs: {
      note: 'deferred messages: from the earliest send the limiter last allowed (its next slot) to arrival',
      count: deferredLateness.length,
      p50: Math.round(percentile(deferredLateness, 50)),
      p99: Math.round(percentile(deferredLateness, 99)),
    },
    checks,
    passed: Object.values(checks).every(Boolean),
  };
  process.stdout.write(
    `${table(
      Object.entries(summary).map(([measure, value]) => ({
        measure,
        value: String(value),
      })),
    )}\n`,
  );
  process.stdout.write(`${JSON.stringify(report)}\n`);

  await Promise.all(instances.map(d => d.close()));
  await Promise.all([redis.stop(), moto.stop(), stub.close()]);
  process.exit(report.passed ? 0 : 1);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
