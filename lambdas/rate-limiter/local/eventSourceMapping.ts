import {
  DeleteMessageBatchCommand,
  Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import type { SqsHandler } from '../src/handler';

export interface LocalEventSourceMappingOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region?: string;
  /**
   * One handler per simulated Lambda instance; the mapping's maximum
   * concurrency is `handlers.length`. Each instance polls and invokes on its own.
   */
  handlers: SqsHandler[];
  /** Messages per invocation (Lambda: up to 10 for SQS). */
  batchSize?: number;
  waitTimeSeconds?: number;
  /** Called after each invocation. */
  onInvocation?: (result: InvocationResult) => void;
  /** Called when polling or the handler throws. */
  onError?: (error: unknown) => void;
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
 */
export class LocalEventSourceMapping {
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly options: LocalEventSourceMappingOptions;
  private readonly controller = new AbortController();

  constructor(options: LocalEventSourceMappingOptions) {
    this.options = options;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = this.options.handlers.map((handler, instance) =>
      this.poll(handler, instance),
    );
  }

  /** Stops polling and waits for in-flight invocations to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.controller.abort();
    await Promise.all(this.loops);
  }

  private async poll(handler: SqsHandler, instance: number) {
    const { sqs, queueUrl } = this.options;
    while (this.running) {
      let messages: Message[] = [];
      const receiveStarted = performance.now();
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
        messages = out.Messages ?? [];
      } catch (error) {
        if (!this.running) return;
        this.options.onError?.(error);
        await new Promise(r => setTimeout(r, 200));
        continue;
      }
      if (messages.length === 0) continue;
      await this.invoke(
        handler,
        instance,
        messages,
        performance.now() - receiveStarted,
      );
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
