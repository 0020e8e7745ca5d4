import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import type { SqsHandler } from '../src/handler';
import {
  retireWhenIdle,
  scaleUpAfterReceive,
  wantedPollers,
} from './pollerScaling';

export interface LocalEventSourceMappingOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region?: string;
  /**
   * One handler per simulated Lambda instance; the mapping's maximum
   * concurrency is `handlers.length`. A running poller owns one instance and
   * invokes it one batch at a time.
   */
  handlers: SqsHandler[];
  /** Pollers kept running on an idle queue (default 1). */
  minimumConcurrency?: number;
  /** Messages per invocation (Lambda: up to 10 for SQS). */
  batchSize?: number;
  waitTimeSeconds?: number;
  /** How often the backlog (ApproximateNumberOfMessages) is read to scale up (default 1 s). */
  backlogCheckMs?: number;
  /** Empty long polls in a row after which a poller above the minimum stops (default 2). */
  idleReceives?: number;
  /** Called when the number of running pollers changes. */
  onScale?: (concurrency: number) => void;
  /** Called after each invocation. */
  onInvocation?: (result: InvocationResult) => void;
  /** Called when polling or the handler throws. */
  onError?: (error: unknown) => void;
}

interface Received {
  messages?: Message[];
  receiveMs: number;
}

export interface InvocationResult {
  instance: number;
  received: number;
  failed: number;
  /** The ReceiveMessage call that returned this batch (long poll included). */
  receiveMs: number;
  handlerMs: number;
  deleteMs: number;
  /** Handler and delete. */
  durationMs: number;
}

/**
 * Emulates Lambda's SQS event source mapping against any SQS endpoint (moto
 * locally): long-polls batches, invokes the handler, deletes the records that
 * did not fail and leaves the failed ones to the visibility timeout, so the
 * queue's redrive policy moves them to the DLQ after `maxReceiveCount` receives.
 *
 * Like Lambda's poller it scales with the backlog: it starts with the minimum
 * number of pollers, adds one after each full receive and as many as the waiting
 * batches need when the backlog is read, up to `handlers.length`, and a poller
 * stops again after `idleReceives` empty long polls.
 */
export class LocalEventSourceMapping {
  private running = false;
  /** Running pollers by instance; an instance absent here is free. */
  private readonly pollers = new Map<number, Promise<void>>();
  private backlogMonitor: Promise<void> | undefined;
  private readonly options: LocalEventSourceMappingOptions;
  private readonly controller = new AbortController();
  private maxReached = 0;

  constructor(options: LocalEventSourceMappingOptions) {
    this.options = options;
  }

  /** Pollers running now. */
  get concurrency(): number {
    return this.pollers.size;
  }

  /** The most pollers that ran at once since start. */
  get maxConcurrencyReached(): number {
    return this.maxReached;
  }

  private get bounds() {
    const maximum = this.options.handlers.length;
    return {
      active: this.pollers.size,
      maximum,
      minimum: Math.min(maximum, this.options.minimumConcurrency ?? 1),
      batchSize: this.options.batchSize ?? 10,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scaleTo(this.bounds.minimum);
    this.backlogMonitor = this.watchBacklog();
  }

  /** Stops polling and waits for in-flight invocations to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.controller.abort();
    await this.backlogMonitor;
    // pollers only leave the map by retiring, and none start once stopped
    await Promise.all(this.pollers.values());
    this.pollers.clear();
  }

  /** Starts pollers on free instances until `wanted` run. */
  private scaleTo(wanted: number) {
    if (!this.running) return;
    const before = this.pollers.size;
    const { handlers } = this.options;
    for (let i = 0; i < handlers.length && this.pollers.size < wanted; i++) {
      if (this.pollers.has(i)) continue;
      this.pollers.set(i, this.poll(handlers[i], i));
    }
    if (this.pollers.size !== before) {
      this.maxReached = Math.max(this.maxReached, this.pollers.size);
      this.options.onScale?.(this.pollers.size);
    }
  }

  /**
   * Frees a poller's instance at once (not when its promise settles), so the
   * next poller deciding whether to retire counts the pool without it.
   */
  private retire(instance: number) {
    this.pollers.delete(instance);
    this.options.onScale?.(this.pollers.size);
  }

  /** Reads the queue's backlog now and then and adds the pollers it needs. */
  private async watchBacklog() {
    const { sqs, queueUrl } = this.options;
    const intervalMs = this.options.backlogCheckMs ?? 1_000;
    while (this.running) {
      try {
        const out = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: queueUrl,
            AttributeNames: ['ApproximateNumberOfMessages'],
          }),
          { abortSignal: this.controller.signal },
        );
        const backlog = Number(
          out.Attributes?.ApproximateNumberOfMessages ?? 0,
        );
        this.scaleTo(wantedPollers({ ...this.bounds, backlog }));
      } catch (error) {
        if (!this.running) return;
        this.options.onError?.(error);
      }
      await abortableSleep(intervalMs, this.controller.signal);
    }
  }

  /** One long poll; `messages` is undefined when the call failed. */
  private async receive(): Promise<Received> {
    const { sqs, queueUrl } = this.options;
    const started = performance.now();
    try {
      const out = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: this.options.batchSize ?? 10,
          WaitTimeSeconds: this.options.waitTimeSeconds ?? 1,
          MessageSystemAttributeNames: ['All'],
          // older SQS implementations (and moto) only read the deprecated name
          AttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.controller.signal },
      );
      return {
        messages: out.Messages ?? [],
        receiveMs: performance.now() - started,
      };
    } catch (error) {
      if (this.running) this.options.onError?.(error);
      return { receiveMs: performance.now() - started };
    }
  }

  /**
   * A poller and its instance, as in Lambda where pollers are not function
   * instances: while the instance runs one batch, the poller already long-polls
   * the next, but only while receives come back full (a busy queue), so an idle
   * queue has no batch waiting. The waiting batch is invoked next, well within
   * its visibility timeout (one invocation later).
   */
  private async poll(handler: SqsHandler, instance: number) {
    const idleReceives = this.options.idleReceives ?? 2;
    let emptyReceives = 0;
    let next: Promise<Received> | undefined;
    while (this.running) {
      const { messages, receiveMs } = await (next ?? this.receive());
      next = undefined;
      if (messages === undefined) {
        await new Promise(r => setTimeout(r, 200));
        continue;
      }
      if (messages.length === 0) {
        emptyReceives++;
        if (retireWhenIdle(emptyReceives, { ...this.bounds, idleReceives })) {
          this.retire(instance);
          return;
        }
        continue;
      }
      emptyReceives = 0;
      const full = messages.length >= this.bounds.batchSize;
      if (scaleUpAfterReceive(messages.length, this.bounds)) {
        this.scaleTo(this.pollers.size + 1);
      }
      if (full) next = this.receive();
      await this.invoke(handler, instance, messages, receiveMs);
    }
    // stopped with a batch received ahead (its long poll was aborted unless it
    // had already answered): run it, so stopping leaves nothing in flight
    const ahead = next && (await next);
    if (ahead?.messages?.length) {
      await this.invoke(handler, instance, ahead.messages, ahead.receiveMs);
    }
  }

  private async invoke(
    handler: SqsHandler,
    instance: number,
    messages: Message[],
    receiveMs: number,
  ) {
    const { sqs, queueUrl } = this.options;
    const event: SQSEvent = { Records: messages.map(m => this.toRecord(m)) };
    const started = performance.now();
    let failedIds: Set<string>;
    try {
      const response = await handler(event, fakeContext(instance));
      failedIds = new Set(
        (response?.batchItemFailures ?? []).map(f => f.itemIdentifier),
      );
    } catch (error) {
      // a thrown handler fails the whole batch
      this.options.onError?.(error);
      failedIds = new Set(messages.map(m => m.MessageId!));
    }
    const handled = performance.now();
    const done = messages.filter(m => !failedIds.has(m.MessageId!));
    if (done.length > 0) {
      try {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: done.map((m, i) => ({
              Id: String(i),
              ReceiptHandle: m.ReceiptHandle!,
            })),
          }),
        );
      } catch (error) {
        this.options.onError?.(error);
      }
    }
    this.options.onInvocation?.({
      instance,
      received: messages.length,
      failed: failedIds.size,
      receiveMs,
      handlerMs: handled - started,
      deleteMs: performance.now() - handled,
      durationMs: performance.now() - started,
    });
  }

  private toRecord(message: Message): SQSRecord {
    const attributes = message.Attributes ?? {};
    return {
      messageId: message.MessageId!,
      receiptHandle: message.ReceiptHandle!,
      body: message.Body ?? '',
      attributes: {
        ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
        SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
        SenderId: attributes.SenderId ?? 'local',
        ApproximateFirstReceiveTimestamp:
          attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          {
            dataType: value.DataType ?? 'String',
            stringValue: value.StringValue,
            binaryValue: value.BinaryValue
              ? Buffer.from(value.BinaryValue).toString('base64')
              : undefined,
            stringListValues: [],
            binaryListValues: [],
          },
        ]),
      ),
      md5OfBody: message.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: this.options.region ?? 'us-east-1',
    };
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function fakeContext(instance: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'rate-limiter-local',
    functionVersion: '$LATEST',
    invokedFunctionArn:
      'arn:aws:lambda:us-east-1:123456789012:function:rate-limiter-local',
    memoryLimitInMB: '256',
    awsRequestId: `local-${instance}-${Date.now()}`,
    logGroupName: '/aws/lambda/rate-limiter-local',
    logStreamName: `local-${instance}`,
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
