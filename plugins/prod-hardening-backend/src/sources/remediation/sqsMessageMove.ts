import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { RemediationAws } from '../../aws';
import type { CopyEntry, DlqMessage } from '../../domain/throttling';
import { isQueueMissing } from '../sqs';

/** How long received DLQ messages stay hidden while their copies are sent. */
const MOVE_VISIBILITY_TIMEOUT_SECONDS = 60;

export interface QueueRef {
  url: string;
  arn: string;
  depth: number;
}

/**
 * Moving messages out of a dead-letter queue, with the remediation role: SQS's own
 * move task where the endpoint has it, and the primitives of a bounded move
 * (receive, send copies, delete originals) where it does not. The role needs
 * GetQueueUrl/GetQueueAttributes too: a move task requires them on the source queue.
 */
export class SqsMessageMove {
  constructor(private readonly aws: RemediationAws) {}

  private client() {
    return this.aws.client(SQSClient);
  }

  /** URL, ARN and depth of a queue; undefined when it does not exist. */
  async queue(name: string): Promise<QueueRef | undefined> {
    let url: string | undefined;
    try {
      url = (
        await this.client().send(new GetQueueUrlCommand({ QueueName: name }))
      ).QueueUrl;
    } catch (err) {
      if (isQueueMissing(err)) return undefined;
      throw err;
    }
    if (!url) return undefined;
    const out = await this.client().send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'],
      }),
    );
    return {
      url,
      arn: out.Attributes?.QueueArn ?? '',
      depth: Number(out.Attributes?.ApproximateNumberOfMessages ?? 0),
    };
  }

  /**
   * Starts SQS's asynchronous move of every message from `sourceArn` to
   * `destinationArn`, at most `maxPerSecond` messages a second.
   */
  async startMessageMoveTask(
    sourceArn: string,
    destinationArn: string,
    maxPerSecond: number,
  ): Promise<string | undefined> {
    const out = await this.client().send(
      new StartMessageMoveTaskCommand({
        SourceArn: sourceArn,
        DestinationArn: destinationArn,
        MaxNumberOfMessagesPerSecond: maxPerSecond,
      }),
    );
    return out.TaskHandle;
  }

  /** Takes up to `max` (≤ 10) messages, hidden from others while they are copied. */
  async receive(url: string, max: number): Promise<DlqMessage[]> {
    const out = await this.client().send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: 0,
        VisibilityTimeout: MOVE_VISIBILITY_TIMEOUT_SECONDS,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: [
          'MessageGroupId',
          'MessageDeduplicationId',
        ],
        // older SQS implementations only read the deprecated name
        AttributeNames: ['MessageGroupId', 'MessageDeduplicationId'] as any,
      }),
    );
    return (out.Messages ?? []).map(m => ({
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      messageAttributes: m.MessageAttributes,
      attributes: m.Attributes,
    }));
  }

  /** Sends copies; returns the Ids SQS accepted. */
  async sendCopies(url: string, entries: CopyEntry[]): Promise<Set<string>> {
    const out = await this.client().send(
      new SendMessageBatchCommand({ QueueUrl: url, Entries: entries as any }),
    );
    return new Set((out.Successful ?? []).map(s => s.Id ?? ''));
  }

  /** Deletes originals by receipt handle; returns how many SQS deleted. */
  async delete(url: string, receiptHandles: string[]): Promise<number> {
    const out = await this.client().send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: receiptHandles.map((handle, i) => ({
          Id: String(i),
          ReceiptHandle: handle,
        })),
      }),
    );
    return out.Successful?.length ?? 0;
  }
}
