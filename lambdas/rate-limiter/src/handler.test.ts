import Redis from 'ioredis';
import type { SQSRecord } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  SendMessageBatchCommand,
  SendMessageBatchRequest,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  startMoto,
  startRedis,
  MotoServer,
  RedisServer,
} from '@prod-hardening/dev-stack';
import { createHandler } from './handler';
import { Dependencies } from './dependencies';
import { ensureQueues, LocalQueues } from '../local/queues';
import { startStubApi, StubApi } from '../local/stubApi';
import { epochMinute, metricsKeys } from './contract';
import {
  awsClients,
  fakeContext,
  localConfig,
  localDependencies,
  message,
  receiveAll,
  sqsRecord,
} from '../testUtils/localStack';

jest.setTimeout(60_000);

const T0 = 1_700_000_000_000;

let moto: MotoServer;
let redisServer: RedisServer;
let redis: Redis;
let stub: StubApi;
let sqs: SQSClient;
let queues: LocalQueues;
let deps: Dependencies | undefined;
let queueCounter = 0;

beforeAll(async () => {
  [moto, redisServer, stub] = await Promise.all([
    startMoto(),
    startRedis(),
    startStubApi(),
  ]);
  redis = new Redis(redisServer.url);
  sqs = awsClients(moto.endpoint).sqs;
});

afterAll(async () => {
  redis?.disconnect();
  await Promise.all([moto?.stop(), redisServer?.stop(), stub?.close()]);
});

beforeEach(async () => {
  stub.reset();
  stub.setRespond(undefined);
  await redis.flushall();
  queues = await ensureQueues(sqs, { name: `rl-${++queueCounter}` });
});

afterEach(async () => {
  await deps?.close();
  deps = undefined;
});

async function build(
  env: Record<string, string> = {},
  clock = () => T0,
  sqsClient = sqs,
) {
  const config = localConfig({
    redisUrl: redisServer.url,
    motoEndpoint: moto.endpoint,
    queues,
    apiUrl: stub.url,
    env,
  });
  deps = await localDependencies(config, {
    sqs: sqsClient,
    clock,
    instanceId: 'test-instance',
  });
  return createHandler(deps);
}

function attr(
  m: { MessageAttributes?: Record<string, { StringValue?: string }> },
  name: string,
) {
  return m.MessageAttributes?.[name]?.StringValue;
}

/** The SendMessageBatch inputs an SQS client was asked to send, in order. */
function batchCalls(spy: jest.SpyInstance): SendMessageBatchRequest[] {
  return spy.mock.calls
    .map(([command]) => command)
    .filter(c => c instanceof SendMessageBatchCommand)
    .map(c => (c as SendMessageBatchCommand).input);
}

describe('SQS batch handler', () => {
  it('handles the sample Lambda event: one delivered, one dead-lettered', async () => {
    const handler = await build();
    const event = JSON.parse(
      readFileSync(resolve(__dirname, '../events/sqs-batch.json'), 'utf8'),
    );
    const response = await handler(event, fakeContext);
    expect(response.batchItemFailures).toEqual([]);
    expect(stub.deliveries).toEqual([
      expect.objectContaining({
        idempotencyKey: 'msg-123',
        userId: 'user-456',
        fanId: 'fan-789',
      }),
    ]);
    const [dead] = await receiveAll(sqs, queues.deadLetterQueueUrl);
    expect(attr(dead, 'dlq-reason')).toBe(
      'invalid body: fanId: Required; message: Required; timestamp: Required',
    );
  });

  it('reports only the failed records in batchItemFailures', async () => {
    const handler = await build();
    stub.setRespond(r => (r.userId === 'broken' ? 503 : undefined));
    const records = [
      sqsRecord(message('c1')),
      sqsRecord(message('broken')),
      sqsRecord(message('c2')),
    ];
    const response = await handler({ Records: records }, fakeContext);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: records[1].messageId }],
    });
    expect(stub.deliveries.map(d => d.userId).sort()).toEqual(['c1', 'c2']);
  });

  it('sends invalid bodies straight to the DLQ with the reason, never retried', async () => {
    const handler = await build();
    const records = [
      sqsRecord('not json at all'),
      sqsRecord({ ...message('c1'), fanId: undefined }),
      sqsRecord(message('c1', { userId: 'bad{tag}' })),
    ];
    const response = await handler({ Records: records }, fakeContext);
    expect(response.batchItemFailures).toEqual([]);
    const dead = await receiveAll(sqs, queues.deadLetterQueueUrl);
    const reasons = dead.map(m => attr(m, 'dlq-reason')).sort();
    expect(reasons).toEqual([
      'invalid body: fanId: Required',
      'invalid body: not JSON',
      'invalid body: userId: userId must not contain braces or whitespace',
    ]);
    expect(dead.map(m => attr(m, 'dlq-source-message-id')).sort()).toEqual(
      records.map(r => r.messageId).sort(),
    );
    expect(stub.deliveries).toHaveLength(0);
  });

  it('defers throttled messages with retryAfter plus jitter and a deferral count, a creator’s copies spaced out', async () => {
    const handler = await build({
      DEFER_JITTER_MS: '1000',
      DEFER_SPACING_MS: '12000',
    });
    const spy = jest.spyOn(sqs, 'send');
    const batch = [1, 2, 3, 4, 5].map(() => sqsRecord(message('busy-creator')));
    const response = await handler({ Records: batch }, fakeContext);
    expect(response.batchItemFailures).toEqual([]);
    expect(stub.deliveries).toHaveLength(3);

    const deferrals = batchCalls(spy).flatMap(c => c.Entries ?? []);
    spy.mockRestore();
    expect(deferrals).toHaveLength(2);
    // retryAfter is 6000 ms at a fixed clock; the creator's second copy is
    // planned one spacing (12 s) after the first; jitter adds up to 1 s to each
    const [first, second] = deferrals
      .map(d => d.DelaySeconds!)
      .sort((a, b) => a - b);
    expect([6, 7]).toContain(first);
    expect([18, 19]).toContain(second);
    for (const input of deferrals) {
      expect(input.MessageAttributes?.deferrals).toEqual({
        DataType: 'Number',
        StringValue: '1',
      });
    }
  });

  it('counts deferrals up from the record and never uses up receives', async () => {
    const handler = await build({ DEFER_JITTER_MS: '0', MAX_DEFERRALS: '3' });
    await handler(
      { Records: [1, 2, 3].map(() => sqsRecord(message('c1'))) },
      fakeContext,
    );
    const again = sqsRecord(message('c1'), { attributes: { deferrals: '2' } });
    await handler({ Records: [again] }, fakeContext);
    const tooMany = sqsRecord(message('c1'), {
      attributes: { deferrals: '3' },
    });
    const response = await handler({ Records: [tooMany] }, fakeContext);
    expect(response.batchItemFailures).toEqual([]);

    const queued = await receiveAll(sqs, queues.queueUrl);
    const dead = await receiveAll(sqs, queues.deadLetterQueueUrl);
    expect(dead.map(m => attr(m, 'dlq-reason'))).toEqual([
      'deferred 3 times without a free slot',
    ]);
    expect(attr(dead[0], 'deferrals')).toBeUndefined();
    // the deferred copy is delayed by 6 s, so it is not visible yet
    expect(queued).toHaveLength(0);
  });

  it('delivers a producer messageId at most once across SQS redeliveries', async () => {
    const handler = await build();
    const body = message('c1');
    const first = await handler({ Records: [sqsRecord(body)] }, fakeContext);
    const redelivered = await handler(
      { Records: [sqsRecord(body, { receiveCount: 2 }), sqsRecord(body)] },
      fakeContext,
    );
    expect(first.batchItemFailures).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(stub.deliveries).toHaveLength(1);
    expect(stub.deliveries[0].idempotencyKey).toBe(body.messageId);
    expect(stub.attempts.get(body.messageId)).toBe(1);
  });

  it("keeps each creator's order within a batch and runs creators concurrently", async () => {
    // every API call takes 150 ms: sequential sends of one creator arrive at least
    // that far apart, concurrent sends of different creators well within it
    const slowApi = await startStubApi({ delayMs: 150 });
    try {
      const handler = await build({ MESSAGING_API_BASE_URL: slowApi.url });
      const bodies = ['a', 'b', 'a', 'c', 'a', 'b'].map(u => message(u));
      const records = bodies.map(b => sqsRecord(b));
      const response = await handler({ Records: records }, fakeContext);
      expect(response.batchItemFailures).toEqual([]);

      const arrivals = (userId: string) =>
        slowApi.deliveries.filter(d => d.userId === userId);
      const sentOrder = (userId: string) =>
        bodies.filter(b => b.userId === userId).map(b => b.messageId);
      for (const userId of ['a', 'b', 'c']) {
        expect(arrivals(userId).map(d => d.idempotencyKey)).toEqual(
          sentOrder(userId),
        );
      }
      const [a1, a2, a3] = arrivals('a').map(d => d.arrivedAt);
      expect(a2 - a1).toBeGreaterThanOrEqual(140);
      expect(a3 - a2).toBeGreaterThanOrEqual(140);
      const firsts = ['a', 'b', 'c'].map(u => arrivals(u)[0].arrivedAt);
      expect(Math.max(...firsts) - Math.min(...firsts)).toBeLessThan(140);

      // the same batch again (an SQS redelivery): nothing is sent twice
      const again = await handler(
        { Records: bodies.map(b => sqsRecord(b, { receiveCount: 2 })) },
        fakeContext,
      );
      expect(again.batchItemFailures).toEqual([]);
      expect(slowApi.deliveries).toHaveLength(bodies.length);
      for (const b of bodies) {
        expect(slowApi.attempts.get(b.messageId)).toBe(1);
      }
    } finally {
      await slowApi.close();
    }
  });

  it('lets only one of two receivers of the same SQS message deliver it', async () => {
    const handler = await build();
    const body = message('c1');
    const first = {
      ...sqsRecord(body, { id: 'same' }),
      receiptHandle: 'receive-1',
    };
    const second = {
      ...sqsRecord(body, { id: 'same' }),
      receiptHandle: 'receive-2',
    };
    // a second instance (one invocation at a time per instance, as in Lambda)
    const otherInstance = createHandler(deps!);
    const [a, b] = await Promise.all([
      handler({ Records: [first] }, fakeContext),
      otherInstance({ Records: [second] }, fakeContext),
    ]);
    expect([...a.batchItemFailures, ...b.batchItemFailures]).toHaveLength(1);
    const retried = await handler(
      { Records: [{ ...second, receiptHandle: 'receive-3' }] },
      fakeContext,
    );
    expect(retried.batchItemFailures).toEqual([]);
    expect(stub.attempts.get(body.messageId)).toBe(1);
  });

  it('retries a 5xx through SQS and dead-letters it on the last receive', async () => {
    const handler = await build();
    stub.setRespond(() => 500);
    const body = message('c1');
    const early = await handler(
      { Records: [sqsRecord(body, { id: 'a', receiveCount: 4 })] },
      fakeContext,
    );
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'a' }]);
    const last = await handler(
      { Records: [sqsRecord(body, { id: 'a', receiveCount: 5 })] },
      fakeContext,
    );
    expect(last.batchItemFailures).toEqual([]);
    const [dead] = await receiveAll(sqs, queues.deadLetterQueueUrl);
    expect(attr(dead, 'dlq-reason')).toBe(
      'delivery failed 5 times, last: messaging API failed: HTTP 500',
    );
    expect(attr(dead, 'dlq-receive-count')).toBe('5');
  });

  it('counts failed delivery attempts across deferrals', async () => {
    const handler = await build({ DEFER_JITTER_MS: '0' });
    stub.setRespond(() => 503);
    const body = message('c1');
    // three failed attempts use up the burst; the 4th receive is throttled and deferred
    for (const receiveCount of [1, 2, 3]) {
      await handler(
        { Records: [sqsRecord(body, { id: 'x', receiveCount })] },
        fakeContext,
      );
    }
    const spy = jest.spyOn(sqs, 'send');
    await handler(
      { Records: [sqsRecord(body, { id: 'x', receiveCount: 4 })] },
      fakeContext,
    );
    const [deferred] = batchCalls(spy).flatMap(c => c.Entries ?? []);
    spy.mockRestore();
    expect(deferred.MessageAttributes).toMatchObject({
      deferrals: { StringValue: '1' },
      'failed-attempts': { StringValue: '3' },
    });
    // the deferred copy: 2 more failures make 5 attempts in all
    const copy = { deferrals: '1', 'failed-attempts': '3' };
    const later = () => T0 + 60_000;
    const retry = await createHandler({ ...deps!, clock: later })(
      {
        Records: [sqsRecord(body, { id: 'y', attributes: copy })],
      },
      fakeContext,
    );
    expect(retry.batchItemFailures).toEqual([{ itemIdentifier: 'y' }]);
    await createHandler({ ...deps!, clock: later })(
      {
        Records: [
          sqsRecord(body, { id: 'y', attributes: copy, receiveCount: 2 }),
        ],
      },
      fakeContext,
    );
    const dead = await receiveAll(sqs, queues.deadLetterQueueUrl);
    expect(dead.map(m => attr(m, 'dlq-reason'))).toEqual([
      'delivery failed 5 times, last: messaging API failed: HTTP 503',
    ]);
    // the counters stay behind: a redriven copy starts fresh
    expect(attr(dead[0], 'deferrals')).toBeUndefined();
    expect(attr(dead[0], 'failed-attempts')).toBeUndefined();
    expect(stub.attempts.get(body.messageId)).toBe(5);
  });

  it('dead-letters a 4xx at once with the API reason', async () => {
    const handler = await build();
    stub.setRespond(() => 422);
    const record = sqsRecord(message('c1'));
    const response = await handler({ Records: [record] }, fakeContext);
    expect(response.batchItemFailures).toEqual([]);
    const dead = await receiveAll(sqs, queues.deadLetterQueueUrl);
    expect(dead.map(m => attr(m, 'dlq-reason'))).toEqual([
      'messaging API rejected the message: HTTP 422 injected 422',
    ]);
    expect(stub.attempts.get(JSON.parse(record.body).messageId)).toBe(1);
  });

  it('defers instead of failing when the API itself answers 429', async () => {
    const handler = await build();
    stub.setRespond(r => (r.attempt === 1 ? 429 : undefined));
    const response = await handler(
      { Records: [sqsRecord(message('c1'))] },
      fakeContext,
    );
    expect(response.batchItemFailures).toEqual([]);
    const minute = epochMinute(T0);
    const counters = await redis.hgetall(metricsKeys().counters(minute));
    expect(counters).toMatchObject({
      allowed: '1',
      api_throttled: '1',
      deferred: '1',
    });
  });

  it('writes per-minute metrics, latency histogram and active creators', async () => {
    const handler = await build();
    await handler(
      {
        Records: [1, 2, 3, 4]
          .map(() => sqsRecord(message('c1')))
          .concat(sqsRecord(message('c2'))),
      },
      fakeContext,
    );
    const keys = metricsKeys();
    const minute = epochMinute(T0);
    expect(await redis.hgetall(keys.counters(minute))).toEqual({
      allowed: '4',
      throttled: '1',
      deferred: '1',
      sent: '4',
    });
    const latency = await redis.hgetall(keys.latency(minute));
    expect(latency.count).toBe('5');
    const buckets = Object.entries(latency).filter(([k]) =>
      k.startsWith('le_'),
    );
    expect(buckets.reduce((sum, [, v]) => sum + Number(v), 0)).toBe(5);
    expect(
      await redis.zrevrange(keys.creators(minute), 0, -1, 'WITHSCORES'),
    ).toEqual(['c1', '4', 'c2', '1']);
    expect(await redis.ttl(keys.counters(minute))).toBeGreaterThan(0);
    expect(await redis.hgetall(keys.limits)).toMatchObject({
      capacity: '3',
      refill_interval_ms: '6000',
      window_limit: '10',
      window_ms: '60000',
      max_concurrency: '2',
    });
  });
});

describe('deferred messages re-sent in batches', () => {
  // one token per second, no jitter and no spacing between a creator's copies:
  // every deferred copy waits exactly 1 s
  const oneSecond = {
    RATE_LIMIT_REFILL_INTERVAL_MS: '1000',
    DEFER_JITTER_MS: '0',
    DEFER_SPACING_MS: '0',
  };

  /** `perCreator` records for each creator: 3 are sent, the rest deferred. */
  function batchOf(creators: string[], perCreator: number) {
    const bodies = creators.flatMap(u =>
      Array.from({ length: perCreator }, () => message(u)),
    );
    const records = bodies.map(b => sqsRecord(b));
    const deferred = creators.flatMap(u =>
      records.filter(r => JSON.parse(r.body).userId === u).slice(3),
    );
    return { records, deferred };
  }

  /** The producers' messageIds of SQS messages or records, sorted. */
  const producerIds = (messages: { Body?: string; body?: string }[]) =>
    messages
      .map(m => JSON.parse((m.Body ?? m.body)!).messageId as string)
      .sort();

  /** Drains the queue until `count` messages arrived (or 5 s passed). */
  async function receiveDelayed(count: number) {
    const received = [];
    for (let i = 0; i < 50 && received.length < count; i++) {
      await new Promise(r => setTimeout(r, 100));
      received.push(...(await receiveAll(sqs, queues.queueUrl)));
    }
    // anything sent twice would be visible by now too
    await new Promise(r => setTimeout(r, 300));
    received.push(...(await receiveAll(sqs, queues.queueUrl)));
    return received;
  }

  /** An SQS client whose SendMessageBatch calls pass through `alter` first. */
  function alteredClient(alter: (input: SendMessageBatchRequest) => void) {
    const client = awsClients(moto.endpoint).sqs;
    client.middlewareStack.add(
      next => async args => {
        const input = args.input as Partial<SendMessageBatchRequest>;
        if (Array.isArray(input.Entries)) {
          alter(input as SendMessageBatchRequest);
        }
        return next(args);
      },
      { step: 'initialize', name: 'alterBatchForTest' },
    );
    return client;
  }

  it('re-sends n deferrals in ceil(n/10) calls, each message once with its delay', async () => {
    const handler = await build(oneSecond);
    const spy = jest.spyOn(sqs, 'send');
    const { records, deferred } = batchOf(['a', 'b', 'c', 'd', 'e'], 8);
    const response = await handler({ Records: records }, fakeContext);
    const calls = batchCalls(spy);
    spy.mockRestore();

    expect(response.batchItemFailures).toEqual([]);
    expect(stub.deliveries).toHaveLength(15);
    expect(deferred).toHaveLength(25);
    expect(calls.map(c => c.Entries?.length)).toEqual([10, 10, 5]);
    const entries = calls.flatMap(c => c.Entries ?? []);
    expect(entries.every(e => e.DelaySeconds === 1)).toBe(true);
    expect(producerIds(entries.map(e => ({ Body: e.MessageBody })))).toEqual(
      producerIds(deferred),
    );

    // invisible for their delay, then each one back exactly once
    expect(await receiveAll(sqs, queues.queueUrl)).toHaveLength(0);
    const back = await receiveDelayed(deferred.length);
    expect(producerIds(back)).toEqual(producerIds(deferred));
    expect(back.every(m => attr(m, 'deferrals') === '1')).toBe(true);
    const counters = await redis.hgetall(
      metricsKeys().counters(epochMinute(T0)),
    );
    expect(counters).toMatchObject({ throttled: '25', deferred: '25' });
  });

  it('reports exactly the records whose entries SQS refused', async () => {
    const { records, deferred } = batchOf(['a', 'b'], 7);
    const refused = new Set(
      [deferred[1], deferred[6]].map(r => JSON.parse(r.body).messageId),
    );
    // a delay over 15 minutes is the one per-entry failure moto reports
    const client = alteredClient(input => {
      for (const entry of input.Entries ?? []) {
        if (refused.has(JSON.parse(entry.MessageBody!).messageId)) {
          entry.DelaySeconds = 901;
        }
      }
    });
    const handler = await build(oneSecond, () => T0, client);
    const response = await handler({ Records: records }, fakeContext);

    const failedRecords = deferred.filter(r =>
      refused.has(JSON.parse(r.body).messageId),
    );
    expect(
      response.batchItemFailures.map(f => f.itemIdentifier).sort(),
    ).toEqual(failedRecords.map(r => r.messageId).sort());
    const back = await receiveDelayed(deferred.length - refused.size);
    expect(producerIds(back)).toEqual(
      producerIds(deferred.filter(r => !failedRecords.includes(r))),
    );

    // SQS redelivers a refused original: it is decided again and deferred
    refused.clear();
    const retried = await handler(
      {
        Records: [
          sqsRecord(JSON.parse(failedRecords[0].body), { receiveCount: 2 }),
        ],
      },
      fakeContext,
    );
    expect(retried.batchItemFailures).toEqual([]);
    expect(stub.deliveries).toHaveLength(6);
  });

  it('reports every record of a call that failed as a whole, and only those', async () => {
    const { records, deferred } = batchOf(['a', 'b', 'c'], 8);
    const poisoned = JSON.parse(deferred[12].body).messageId;
    const inFailedCall = new Set<string>();
    const client = alteredClient(input => {
      const ids = (input.Entries ?? []).map(
        e => JSON.parse(e.MessageBody!).messageId as string,
      );
      if (ids.includes(poisoned)) {
        ids.forEach(id => inFailedCall.add(id));
        throw new Error('connection reset');
      }
    });
    const handler = await build(oneSecond, () => T0, client);
    const response = await handler({ Records: records }, fakeContext);

    // 15 deferrals: calls of 10 and 5; every record of the failed call is reported
    expect([10, 5]).toContain(inFailedCall.size);
    const isInFailedCall = (r: SQSRecord) =>
      inFailedCall.has(JSON.parse(r.body).messageId);
    expect(
      response.batchItemFailures.map(f => f.itemIdentifier).sort(),
    ).toEqual(
      deferred
        .filter(isInFailedCall)
        .map(r => r.messageId)
        .sort(),
    );
    const sentCopies = deferred.filter(r => !isInFailedCall(r));
    const back = await receiveDelayed(sentCopies.length);
    expect(producerIds(back)).toEqual(producerIds(sentCopies));
  });
});

describe('SQS batch handler without Redis', () => {
  it('falls back to the in-memory limiter and returns to Redis when it is back', async () => {
    let now = T0;
    const handler = await build(
      {
        FALLBACK_WARMUP_MS: '0',
        REDIS_PROBE_INTERVAL_MS: '1000',
        REDIS_COMMAND_TIMEOUT_MS: '200',
      },
      () => now,
    );
    await handler({ Records: [sqsRecord(message('c1'))] }, fakeContext);
    expect(deps!.limiter.mode).toBe('redis');

    await redisServer.stop();
    now += 1_000;
    const started = Date.now();
    const during = await handler(
      { Records: [sqsRecord(message('c2')), sqsRecord(message('c2'))] },
      fakeContext,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(during.batchItemFailures).toEqual([]);
    expect(deps!.limiter.mode).toBe('fallback');
    // this instance's share with MAX_CONCURRENCY=2: a burst of 1
    expect(stub.deliveries.filter(d => d.userId === 'c2')).toHaveLength(1);

    redisServer = await startRedis({ port: redisServer.port });
    for (let i = 0; i < 50 && deps!.redis.status !== 'ready'; i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    now += 2_000;
    await handler({ Records: [sqsRecord(message('c3'))] }, fakeContext);
    expect(deps!.limiter.mode).toBe('redis');
    expect(stub.deliveries.filter(d => d.userId === 'c3')).toHaveLength(1);

    const fresh = new Redis(redisServer.url);
    try {
      const keys = metricsKeys();
      expect(await fresh.hgetall(keys.fallback)).toMatchObject({
        active: '0',
        since_ms: String(T0 + 1_000),
        ended_at_ms: String(T0 + 3_000),
        instance: 'test-instance',
      });
      // decisions made during the outage are written once Redis is back
      const counters = await fresh.hgetall(keys.counters(epochMinute(T0)));
      expect(counters).toMatchObject({ fallback: '2', sent: '2' });
    } finally {
      fresh.disconnect();
      redis.disconnect();
      redis = new Redis(redisServer.url);
    }
  });
});
