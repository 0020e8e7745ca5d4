import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  MotoServer,
  RedisServer,
  ResourceNames,
  startRedis,
} from '@prod-hardening/dev-stack';
import { prodHardeningRemediationExecutePermission } from '@prod-hardening/plugin-prod-hardening-common';
import {
  createDependencies,
  createHandler,
  loadConfig,
} from '@prod-hardening/rate-limiter';
// The limiter's local tooling and test helpers: its stub messaging API and SQS record builder.
import { startStubApi, StubApi } from '@prod-hardening/rate-limiter/local';
import { message, sqsRecord } from '@prod-hardening/rate-limiter/testUtils';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { pluginConfig, startSeededMoto } from '../testUtils/localAccount';
import { recordingAuditor } from '../testUtils/recordingAuditor';

jest.setTimeout(120_000);

const API = '/api/prod-hardening';

describe('throttling against redis-server and moto_server', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let redis: RedisServer;
  let stub: StubApi;
  let sqs: SQSClient;
  let limiter: Awaited<ReturnType<typeof createDependencies>>;
  let queueUrl: string;
  let dlqUrl: string;

  const config = () =>
    pluginConfig({ endpoint: moto.endpoint, redisUrl: redis.url, resources });

  const depth = async (url: string) => {
    const out = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
        ],
      }),
    );
    return (
      Number(out.Attributes!.ApproximateNumberOfMessages) +
      Number(out.Attributes!.ApproximateNumberOfMessagesNotVisible)
    );
  };

  /** Takes every message of a queue (hidden for 10 minutes) and returns the bodies. */
  const takeAll = async (url: string) => {
    const taken: string[] = [];
    for (;;) {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 600,
        }),
      );
      if (!out.Messages?.length) return taken.sort();
      taken.push(...out.Messages.map(m => m.Body!));
    }
  };

  const purge = (url: string) =>
    sqs.send(new PurgeQueueCommand({ QueueUrl: url }));

  /** Puts `count` producer messages straight into the DLQ; returns their bodies. */
  const deadLetter = async (
    count: number,
    tag: string,
    attributes: Record<string, string> = {},
  ) => {
    const sent: string[] = [];
    for (let i = 0; i < count; i += 10) {
      const entries = Array.from(
        { length: Math.min(10, count - i) },
        (_, j) => ({
          Id: String(j),
          MessageBody: JSON.stringify(
            message(`creator-${tag}`, { messageId: `${tag}-${i + j}` }),
          ),
          MessageAttributes: {
            'dlq-reason': { DataType: 'String', StringValue: 'test' },
            ...Object.fromEntries(
              Object.entries(attributes).map(([k, v]) => [
                k,
                { DataType: 'Number', StringValue: v },
              ]),
            ),
          },
        }),
      );
      await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: dlqUrl, Entries: entries }),
      );
      sent.push(...entries.map(e => e.MessageBody));
    }
    return sent.sort();
  };

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
    [redis, stub] = await Promise.all([startRedis(), startStubApi()]);
    sqs = new SQSClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const url = async (name: string) =>
      (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
    queueUrl = await url(resources.queues.rateLimiter);
    dlqUrl = await url(resources.queues.rateLimiterDlq);
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    // The real Lambda handler: decisions in Redis, deliveries to the stub, DLQ on moto.
    limiter = await createDependencies(
      loadConfig({
        REDIS_URL: redis.url,
        QUEUE_URL: queueUrl,
        DLQ_URL: dlqUrl,
        AWS_ENDPOINT_URL: moto.endpoint,
        MESSAGING_API_BASE_URL: stub.url,
        MESSAGING_API_TOKEN: 'local-token',
        DEFER_JITTER_MS: '0',
      }),
      { sqs },
    );
  });

  afterAll(async () => {
    await limiter?.close();
    await stub?.close();
    sqs?.destroy();
    await Promise.all([redis?.stop(), moto?.stop()]);
  });

  beforeEach(async () => {
    await Promise.all([purge(dlqUrl), purge(queueUrl)]);
  });

  it('shows the counters, latency, busiest creators and limits the real handler wrote, and the DLQ it filled', async () => {
    const handler = createHandler(limiter);
    // 5 at once for one creator: 3 allowed, 2 throttled and deferred; 2 for another;
    // one body without its fields goes to the DLQ at once.
    await handler(
      {
        Records: [
          ...Array.from({ length: 5 }, () =>
            sqsRecord(message('creator-busy')),
          ),
          sqsRecord(message('creator-calm')),
          sqsRecord(message('creator-calm')),
          sqsRecord({ userId: 'creator-broken' }),
        ],
      },
      {} as never,
    );

    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const res = await request(server).get(
      `${API}/throttling/overview?minutes=10`,
    );
    expect(res.status).toBe(200);
    const { redis: metrics, dlq } = res.body;
    expect(metrics.state).toBe('ok');
    expect(metrics.minutes).toHaveLength(10);
    expect(metrics.totals).toMatchObject({
      allowed: 5,
      throttled: 2,
      deferred: 2,
      sent: 5,
      failed: 0,
      deadLettered: 1,
      invalid: 1,
    });
    expect(metrics.latency.decisions).toBe(7);
    expect(metrics.latency.p50Ms).toEqual(expect.any(Number));
    expect(metrics.latency.p99Ms).toBeGreaterThanOrEqual(metrics.latency.p50Ms);
    expect(metrics.creators[0]).toMatchObject({
      userId: 'creator-busy',
      decisions: 5,
      tokensAvailable: 0,
      sendsInWindow: 3,
    });
    // The next token is at most one refill interval away, and peeking took none.
    expect(metrics.creators[0].retryAfterMs).toBeGreaterThan(0);
    expect(metrics.creators[0].retryAfterMs).toBeLessThanOrEqual(6_000);
    expect(metrics.creators[1]).toMatchObject({
      userId: 'creator-calm',
      decisions: 2,
      tokensAvailable: 1,
      retryAfterMs: 0,
    });
    const again = await request(server).get(
      `${API}/throttling/overview?minutes=10`,
    );
    expect(again.body.redis.creators[1].tokensAvailable).toBe(1);
    expect(metrics.limits).toMatchObject({
      capacity: 3,
      refillIntervalMs: 6000,
      windowLimit: 10,
      windowMs: 60000,
      maxConcurrency: 2,
    });
    expect(metrics.fallback).toEqual({ active: false, decisionsInWindow: 0 });

    expect(dlq).toMatchObject({
      state: 'ok',
      queueName: resources.queues.rateLimiterDlq,
      depth: 1,
      // moto publishes no SQS metrics to CloudWatch: the age comes from a sample
      ageSource: 'sample',
    });
    expect(dlq.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(dlq.oldestAgeSeconds).toBeLessThan(60);
  });

  it('redrives every DLQ message back to the queue without losing one, and records it', async () => {
    const before = await deadLetter(25, 'lost');
    expect(await depth(dlqUrl)).toBe(25);

    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .send({ reason: 'INC-7: limiter outage replay' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'succeeded',
      // moto has no StartMessageMoveTask: the bounded move ran instead
      method: 'bounded-move',
      depthBefore: 25,
      moved: 25,
      notMoved: 0,
      notDeleted: 0,
    });
    expect(await depth(dlqUrl)).toBe(0);
    expect(await takeAll(queueUrl)).toEqual(before);

    const history = await request(server).get(
      `${API}/remediations/history?checkId=sqs-dlq-redrive`,
    );
    expect(history.body.items[0]).toMatchObject({
      id: res.body.historyId,
      outcome: 'succeeded',
      actor: 'user:default/mock',
      resourceId: resources.queues.rateLimiterDlq,
      reason: 'INC-7: limiter outage replay',
    });
    expect(history.body.items[0].calls.map((c: any) => c.action)).toEqual([
      'ReceiveMessage',
      'SendMessageBatch',
      'DeleteMessageBatch',
    ]);
  });

  it("strips the limiter's deferral and failed-attempt counts from redriven messages", async () => {
    // as an earlier version of the Lambda dead-lettered them: with its counters
    await deadLetter(5, 'counted', {
      deferrals: '100',
      'failed-attempts': '4',
    });
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .send({ maxMessages: 10 });
    expect(res.body).toMatchObject({ outcome: 'succeeded', moved: 5 });
    const out = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(out.Messages).toHaveLength(5);
    for (const m of out.Messages!) {
      expect(Object.keys(m.MessageAttributes ?? {})).toEqual(['dlq-reason']);
    }
    // The real handler on the redriven messages: 3 sent, 2 throttled and deferred,
    // none back in the DLQ (with deferrals=100 they would have gone straight back).
    const records = out.Messages!.map(m =>
      sqsRecord(JSON.parse(m.Body!), {
        attributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
            k,
            v.StringValue!,
          ]),
        ),
      }),
    );
    await createHandler(limiter)({ Records: records }, {} as never);
    expect(await depth(dlqUrl)).toBe(0);
  });

  it('moves no more than maxMessages and leaves the rest in the DLQ', async () => {
    await deadLetter(15, 'bounded');
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .send({ maxMessages: 10 });
    expect(res.body).toMatchObject({ outcome: 'succeeded', moved: 10 });
    expect(await depth(dlqUrl)).toBe(5);
    expect(await depth(queueUrl)).toBe(10);
  });

  describe('without a bound, through SQS StartMessageMoveTask (moto lacks it: answered by aws-sdk-client-mock)', () => {
    let sqsMock: ReturnType<typeof mockClient>;
    let task: {
      Status: string;
      ApproximateNumberOfMessagesMoved: number;
      FailureReason?: string;
    };
    let started: unknown[];

    beforeEach(() => {
      started = [];
      task = { Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 4 };
      sqsMock = mockClient(SQSClient);
      // every other SQS call goes to moto_server
      sqsMock.send.callThrough();
      sqsMock.on(StartMessageMoveTaskCommand).callsFake(async input => {
        started.push(input);
        return { TaskHandle: 'task-1' };
      });
      sqsMock.on(ListMessageMoveTasksCommand).callsFake(async input => ({
        Results: [
          {
            TaskHandle: 'task-1',
            SourceArn: input.SourceArn,
            ApproximateNumberOfMessagesToMove: 12,
            MaxNumberOfMessagesPerSecond: 10,
            ...task,
          },
        ],
      }));
    });

    afterEach(() => sqsMock.restore());

    /** Polls the status route until the redrive is no longer running (the service polls SQS every 5 s). */
    const settledStatus = async (server: any) => {
      for (let i = 0; i < 60; i++) {
        const res = await request(server).get(
          `${API}/throttling/dlq/redrive-status`,
        );
        if (res.body.state !== 'running') return res.body;
        await new Promise(r => setTimeout(r, 250));
      }
      throw new Error('the redrive was still running after 15 s');
    };

    it('starts a rate-limited move task, holds the lock while it runs and reports its progress until it completes', async () => {
      await deadLetter(12, 'task');
      const auditor = recordingAuditor();
      const { server } = await startTestBackend({
        features: [prodHardeningPlugin, config(), auditor.factory],
      });
      const res = await request(server)
        .post(`${API}/throttling/dlq/redrive`)
        .send({ reason: 'replay after the API outage' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        outcome: 'running',
        method: 'message-move-task',
        taskHandle: 'task-1',
        depthBefore: 12,
      });
      expect(started).toEqual([
        expect.objectContaining({ MaxNumberOfMessagesPerSecond: 10 }),
      ]);

      const running = await request(server).get(
        `${API}/throttling/dlq/redrive-status`,
      );
      expect(running.body).toMatchObject({
        state: 'running',
        method: 'message-move-task',
        historyId: res.body.historyId,
        task: { status: 'RUNNING', moved: 4, toMove: 12, maxPerSecond: 10 },
      });
      // the lock is held until the task ends
      const second = await request(server)
        .post(`${API}/throttling/dlq/redrive`)
        .send({});
      expect(second.status).toBe(409);

      task = { Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 12 };
      expect(await settledStatus(server)).toMatchObject({
        state: 'completed',
        historyId: res.body.historyId,
        task: { status: 'COMPLETED', moved: 12 },
      });
      const history = await request(server).get(
        `${API}/remediations/history?checkId=sqs-dlq-redrive`,
      );
      const row = history.body.items.find(
        (h: any) => h.id === res.body.historyId,
      );
      expect(row).toMatchObject({
        outcome: 'succeeded',
        reason: 'replay after the API outage',
      });
      expect(row.message).toMatch(/moved 12 message/);
      expect(row.calls).toEqual([
        expect.objectContaining({
          action: 'StartMessageMoveTask',
          params: expect.objectContaining({ MaxNumberOfMessagesPerSecond: 10 }),
        }),
      ]);
      expect(
        auditor.events
          .filter(e => e.eventId === 'dlq-redrive')
          .map(e => [e.status, e.endMeta?.outcome]),
      ).toEqual([
        ['succeeded', 'succeeded'],
        ['failed', 'conflict'],
      ]);
      // the lock is released: a new redrive may start
      const third = await request(server)
        .post(`${API}/throttling/dlq/redrive`)
        .send({});
      expect(third.status).toBe(202);
      task = { Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 0 };
      await settledStatus(server);
    });

    it('records a move task that SQS reports failed, with its reason', async () => {
      await deadLetter(2, 'task-failed');
      const { server } = await startTestBackend({
        features: [prodHardeningPlugin, config()],
      });
      const res = await request(server)
        .post(`${API}/throttling/dlq/redrive`)
        .send({});
      expect(res.status).toBe(202);
      task = {
        Status: 'FAILED',
        ApproximateNumberOfMessagesMoved: 1,
        FailureReason: 'AWS.SimpleQueueService.NonExistentQueue',
      };
      const status = await settledStatus(server);
      expect(status).toMatchObject({ state: 'failed' });
      expect(status.message).toMatch(
        /FAILED: AWS.SimpleQueueService.NonExistentQueue/,
      );
    });

    it('answers failed, records it and moves nothing when AWS refuses StartMessageMoveTask', async () => {
      await deadLetter(2, 'task-denied');
      sqsMock.on(StartMessageMoveTaskCommand).rejects(
        Object.assign(
          new Error('not authorized to perform sqs:StartMessageMoveTask'),
          {
            name: 'AccessDenied',
            $metadata: { httpStatusCode: 403 },
          },
        ),
      );
      const { server } = await startTestBackend({
        features: [prodHardeningPlugin, config()],
      });
      const res = await request(server)
        .post(`${API}/throttling/dlq/redrive`)
        .send({});
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        outcome: 'failed',
        method: 'message-move-task',
        moved: 0,
      });
      expect(await depth(dlqUrl)).toBe(2);
      const status = await request(server).get(
        `${API}/throttling/dlq/redrive-status`,
      );
      expect(status.body).toMatchObject({ state: 'failed' });
    });
  });

  it('answers 409 to a redrive while another one runs', async () => {
    await deadLetter(100, 'busy');
    const auditor = recordingAuditor();
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config(), auditor.factory],
    });
    const [first, second] = await Promise.all([
      request(server)
        .post(`${API}/throttling/dlq/redrive`)
        .send({ maxMessages: 100 }),
      new Promise(r => setTimeout(r, 30)).then(() =>
        request(server)
          .post(`${API}/throttling/dlq/redrive`)
          .send({ maxMessages: 100 }),
      ),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already running/);
    const history = await request(server).get(
      `${API}/remediations/history?checkId=sqs-dlq-redrive`,
    );
    expect(history.body.items.map((h: any) => h.outcome).sort()).toEqual([
      'conflict',
      'succeeded',
    ]);
    expect(
      auditor.events
        .filter(e => e.eventId === 'dlq-redrive')
        .map(e => [e.status, e.endMeta?.outcome])
        .sort(),
    ).toEqual([
      ['failed', 'conflict'],
      ['succeeded', 'succeeded'],
    ]);
  });

  it('refuses an unauthenticated redrive with 401, records it and moves nothing', async () => {
    await deadLetter(2, 'anonymous');
    const auditor = recordingAuditor();
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config(), auditor.factory],
    });
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .set('authorization', mockCredentials.none.header())
      .send({});
    expect(res.status).toBe(401);
    expect(await depth(dlqUrl)).toBe(2);
    const history = await request(server).get(
      `${API}/remediations/history?checkId=sqs-dlq-redrive`,
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        actor: 'unauthenticated',
        calls: [],
      }),
    ]);
    expect(auditor.events.filter(e => e.eventId === 'dlq-redrive')).toEqual([
      expect.objectContaining({
        status: 'failed',
        endMeta: expect.objectContaining({ outcome: 'denied' }),
      }),
    ]);
  });

  it('refuses a user without the remediation permission with 403, records the denial and moves nothing', async () => {
    await deadLetter(3, 'denied');
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            'permission' in r &&
            r.permission.name === prodHardeningRemediationExecutePermission.name
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as any,
    });
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config(), permissions.factory],
    });
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .send({});
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not allowed to redrive/);
    expect(await depth(dlqUrl)).toBe(3);
    const history = await request(server).get(
      `${API}/remediations/history?checkId=sqs-dlq-redrive`,
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({ outcome: 'denied', calls: [] }),
    ]);
  });

  it('shows Redis as unavailable with the reason while the DLQ still answers', async () => {
    await deadLetter(2, 'redis-down');
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: moto.endpoint, resources }), // Redis on a closed port
      ],
    });
    const res = await request(server).get(`${API}/throttling/overview`);
    expect(res.status).toBe(200);
    expect(res.body.windowMinutes).toBe(30);
    expect(res.body.redis.state).toBe('unavailable');
    expect(res.body.redis.reason).toMatch(/^Redis: .+/);
    expect(res.body.dlq).toMatchObject({ state: 'ok', depth: 2 });
  });
});

describe('throttling input validation (no AWS call is made)', () => {
  let server: any;

  beforeAll(async () => {
    // An endpoint that refuses connections: any AWS call would turn into a failure.
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: 'http://127.0.0.1:1' }),
      ],
    }));
  });

  it.each([
    [{ maxMessages: 0 }, /maxMessages/],
    [{ maxMessages: 5000 }, /maxMessages/],
    [{ maxMessages: 'all' }, /maxMessages/],
    [{ maxMessages: 1.5 }, /maxMessages/],
    [{ queue: 'other' }, /queue|additional/i],
  ])('rejects redrive body %j with 400', async (body, pattern) => {
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(pattern);
  });

  it('rejects a redrive-status query with 400', async () => {
    const res = await request(server).get(
      `${API}/throttling/dlq/redrive-status?state=running`,
    );
    expect(res.status).toBe(400);
  });

  it.each(['minutes=2', 'minutes=999', 'minutes=abc', 'other=1'])(
    'rejects overview query %s with 400',
    async query => {
      const res = await request(server).get(
        `${API}/throttling/overview?${query}`,
      );
      expect(res.status).toBe(400);
    },
  );
});
