import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
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
