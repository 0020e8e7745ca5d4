import {
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  startMoto,
  startRedis,
  MotoServer,
  RedisServer,
} from '@prod-hardening/dev-stack';
import { createHandler, SqsHandler } from '../src/handler';
import { Dependencies } from '../src/dependencies';
import { ensureQueues } from './queues';
import { startStubApi, StubApi } from './stubApi';
import { LocalEventSourceMapping } from './eventSourceMapping';
import {
  awsClients,
  localConfig,
  localDependencies,
  message,
  receiveAll,
} from '../testUtils/localStack';

jest.setTimeout(90_000);

let moto: MotoServer;
let redisServer: RedisServer;
let stub: StubApi;
let sqs: SQSClient;

beforeAll(async () => {
  [moto, redisServer, stub] = await Promise.all([
    startMoto(),
    startRedis(),
    startStubApi(),
  ]);
  sqs = awsClients(moto.endpoint).sqs;
});

afterAll(async () => {
  await Promise.all([moto?.stop(), redisServer?.stop(), stub?.close()]);
});

async function waitFor(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('LocalEventSourceMapping', () => {
  let mapping: LocalEventSourceMapping | undefined;
  const instances: Dependencies[] = [];

  afterEach(async () => {
    await mapping?.stop();
    await Promise.all(instances.splice(0).map(d => d.close()));
  });

  async function run(
    name: string,
    env: Record<string, string> = {},
    scaling: { instances?: number; onScale?: (n: number) => void } = {},
  ) {
    const queues = await ensureQueues(sqs, {
      name,
      visibilityTimeoutSeconds: 1,
    });
    const config = localConfig({
      redisUrl: redisServer.url,
      motoEndpoint: moto.endpoint,
      queues,
      apiUrl: stub.url,
      env,
    });
    const handlers = [];
    for (let i = 0; i < (scaling.instances ?? 2); i++) {
      const deps = await localDependencies(config, { sqs });
      instances.push(deps);
      handlers.push(createHandler(deps));
    }
    mapping = new LocalEventSourceMapping({
      sqs,
      queueUrl: queues.queueUrl,
      queueArn: queues.queueArn,
      handlers,
      waitTimeSeconds: 1,
      backlogCheckMs: 200,
      onScale: scaling.onScale,
    });
    mapping.start();
    return queues;
  }

  it('delivers queued messages and deletes them', async () => {
    const queues = await run('esm-ok');
    const bodies = ['a', 'b', 'c', 'd'].map(u => message(`creator-${u}`));
    for (const body of bodies) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queues.queueUrl,
          MessageBody: JSON.stringify(body),
        }),
      );
    }
    await waitFor(
      () => bodies.every(b => stub.attempts.get(b.messageId) === 1),
      20_000,
    );
    await mapping!.stop();
    expect(await receiveAll(sqs, queues.queueUrl)).toHaveLength(0);
  });

  it('moves a message failing with 5xx to the DLQ after exactly 5 receives', async () => {
    // retries come every second here (visibility timeout 1 s): a bucket of 10
    // keeps them from being deferred, so one SQS message is received 5 times
    const queues = await run('esm-5xx', { RATE_LIMIT_CAPACITY: '10' });
    const body = message('creator-5xx');
    stub.setRespond(r =>
      r.idempotencyKey === body.messageId ? 503 : undefined,
    );
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queues.queueUrl,
        MessageBody: JSON.stringify(body),
      }),
    );

    let dead: Awaited<ReturnType<typeof receiveAll>> = [];
    await waitFor(async () => {
      dead = dead.length
        ? dead
        : await receiveAll(sqs, queues.deadLetterQueueUrl);
      return dead.length > 0;
    }, 40_000);
    expect(stub.attempts.get(body.messageId)).toBe(5);
    expect(dead).toHaveLength(1);
    expect(dead[0].MessageAttributes?.['dlq-receive-count']?.StringValue).toBe(
      '5',
    );
    expect(dead[0].MessageAttributes?.['dlq-reason']?.StringValue).toBe(
      'delivery failed 5 times, last: messaging API failed: HTTP 503',
    );
    expect(JSON.parse(dead[0].Body!)).toEqual(body);
    stub.setRespond(undefined);
  });

  it('scales its pollers with the backlog up to the maximum and back down when idle', async () => {
    const sizes: number[] = [];
    const queues = await run(
      'esm-scale',
      {},
      { instances: 4, onScale: n => sizes.push(n) },
    );
    expect(mapping!.concurrency).toBe(1);
    const bodies = Array.from({ length: 120 }, (_, i) =>
      message(`creator-scale-${i}`),
    );
    for (let i = 0; i < bodies.length; i += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queues.queueUrl,
          Entries: bodies.slice(i, i + 10).map((b, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify(b),
          })),
        }),
      );
    }
    await waitFor(
      () => bodies.every(b => stub.attempts.get(b.messageId) === 1),
      30_000,
    );
    expect(mapping!.maxConcurrencyReached).toBe(4);
    expect(Math.max(...sizes)).toBe(4);
    // an empty queue: the extra pollers stop after two empty long polls
    await waitFor(() => mapping!.concurrency === 1, 15_000);
    expect(sizes.at(-1)).toBe(1);
    // scaling never hands one message to two pollers: each was sent exactly once
    expect(bodies.filter(b => stub.attempts.get(b.messageId) !== 1)).toEqual(
      [],
    );
  });

  it('receives the next batch while the instance runs the current one, each message once', async () => {
    const queues = await ensureQueues(sqs, {
      name: 'esm-ahead',
      visibilityTimeoutSeconds: 30,
    });
    const handled: string[] = [];
    const running: { start: number; end?: number }[] = [];
    // the instance only records and takes its time: the mapping is under test
    const slowHandler: SqsHandler = async event => {
      const span: { start: number; end?: number } = { start: Date.now() };
      running.push(span);
      handled.push(...event.Records.map(r => r.body));
      await new Promise(r => setTimeout(r, 300));
      span.end = Date.now();
      return { batchItemFailures: [] };
    };
    const receivesStarted: number[] = [];
    const client = awsClients(moto.endpoint).sqs;
    client.middlewareStack.add(
      next => async args => {
        if ('MaxNumberOfMessages' in (args.input as object)) {
          receivesStarted.push(Date.now());
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordReceives' },
    );
    const bodies = Array.from({ length: 40 }, (_, i) => `m-${i}`);
    for (let i = 0; i < bodies.length; i += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queues.queueUrl,
          Entries: bodies.slice(i, i + 10).map((b, j) => ({
            Id: String(j),
            MessageBody: b,
          })),
        }),
      );
    }
    mapping = new LocalEventSourceMapping({
      sqs: client,
      queueUrl: queues.queueUrl,
      queueArn: queues.queueArn,
      handlers: [slowHandler],
      waitTimeSeconds: 1,
    });
    mapping.start();
    await waitFor(() => handled.length >= bodies.length, 20_000);
    await mapping.stop();
    mapping = undefined;

    expect([...handled].sort()).toEqual([...bodies].sort());
    // the batch after the first was asked for before the first batch was done
    // (without receiving ahead: one receive, then nothing until it returns)
    const beforeFirstDone = receivesStarted.filter(at => at < running[0].end!);
    expect(beforeFirstDone.length).toBeGreaterThanOrEqual(2);
    // the instance itself never ran two batches at once
    const overlaps = running.filter(
      (span, k) => k > 0 && span.start < running[k - 1].end!,
    );
    expect(overlaps).toEqual([]);
    expect(await receiveAll(sqs, queues.queueUrl)).toHaveLength(0);
  });
});
