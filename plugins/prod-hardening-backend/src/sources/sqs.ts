import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { AwsClientFactory } from '../aws';

export interface QueueEncryption {
  name: string;
  url?: string;
  found: boolean;
  sqsManagedSse: boolean;
  kmsKeyId?: string;
}

/** True for SQS's "no such queue" (both the JSON and the query protocol's name). */
export function isQueueMissing(err: unknown): boolean {
  const name = (err as Error | undefined)?.name;
  return (
    name === 'QueueDoesNotExist' ||
    name === 'AWS.SimpleQueueService.NonExistentQueue'
  );
}

/** One SQS message move task, as ListMessageMoveTasks reports it. */
export interface MessageMoveTask {
  taskHandle?: string;
  /** RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED. */
  status: string;
  moved: number;
  toMove?: number;
  maxPerSecond?: number;
  failureReason?: string;
  startedAtMs?: number;
}

/** True while SQS is still moving (or stopping) the messages. */
export function isMoveTaskActive(task: MessageMoveTask): boolean {
  return task.status === 'RUNNING' || task.status === 'CANCELLING';
}

/** The newest SQS message move task of a source queue (SQS lists the newest first). */
async function latestMoveTask(
  client: SQSClient,
  sourceArn: string,
): Promise<MessageMoveTask | undefined> {
  const out = await client.send(
    new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }),
  );
  const task = out.Results?.[0];
  if (!task) return undefined;
  return {
    taskHandle: task.TaskHandle,
    status: task.Status ?? 'UNKNOWN',
    moved: task.ApproximateNumberOfMessagesMoved ?? 0,
    toMove: task.ApproximateNumberOfMessagesToMove,
    maxPerSecond: task.MaxNumberOfMessagesPerSecond,
    failureReason: task.FailureReason,
    startedAtMs: task.StartedTimestamp,
  };
}

/** SQS queues by name. */
export class SqsSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async getQueueUrl(name: string): Promise<string | undefined> {
    try {
      const out = await this.aws
        .client(SQSClient)
        .send(new GetQueueUrlCommand({ QueueName: name }));
      return out.QueueUrl;
    } catch (err) {
      if (isQueueMissing(err)) return undefined;
      throw err;
    }
  }

  async getQueueAttributes(
    url: string,
    names: string[],
  ): Promise<Record<string, string>> {
    const out = await this.aws.client(SQSClient).send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: names as any,
      }),
    );
    return out.Attributes ?? {};
  }

  /**
   * The newest message move task out of a queue: a redrive's progress, read with the
   * read role (ListMessageMoveTasks changes nothing).
   */
  async latestMessageMoveTask(
    sourceArn: string,
  ): Promise<MessageMoveTask | undefined> {
    return latestMoveTask(this.aws.client(SQSClient), sourceArn);
  }

  async getEncryption(name: string): Promise<QueueEncryption> {
    const url = await this.getQueueUrl(name);
    if (!url) return { name, found: false, sqsManagedSse: false };
    const attrs = await this.getQueueAttributes(url, [
      'SqsManagedSseEnabled',
      'KmsMasterKeyId',
    ]);
    return {
      name,
      url,
      found: true,
      sqsManagedSse: attrs.SqsManagedSseEnabled === 'true',
      kmsKeyId: attrs.KmsMasterKeyId || undefined,
    };
  }

  /**
   * SentTimestamp of up to 10 messages, read without taking them: a visibility
   * timeout of 0 leaves every message visible to other consumers at once. It does
   * raise their receive count, which matters only on a queue with its own redrive
   * policy (not a DLQ). A standard queue answers from a sample of its servers, so
   * the oldest message may be missed.
   */
  async sampleSentTimestamps(url: string): Promise<(string | undefined)[]> {
    const out = await this.aws.client(SQSClient).send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['SentTimestamp'],
        // older SQS implementations only read the deprecated name
        AttributeNames: ['SentTimestamp'] as any,
      }),
    );
    return (out.Messages ?? []).map(m => m.Attributes?.SentTimestamp);
  }
}
