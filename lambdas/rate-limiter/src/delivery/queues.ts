import {
  MessageAttributeValue,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';

/** Message attribute carrying how many times a message was deferred. */
export const DEFERRALS_ATTRIBUTE = 'deferrals';
/**
 * Message attribute carrying failed delivery attempts of earlier copies of a
 * deferred message, so retries are counted across deferrals.
 */
export const FAILED_ATTEMPTS_ATTRIBUTE = 'failed-attempts';
/** Message attributes set on messages this Lambda dead-letters itself. */
export const DLQ_REASON_ATTRIBUTE = 'dlq-reason';
export const DLQ_RECEIVE_COUNT_ATTRIBUTE = 'dlq-receive-count';
export const DLQ_SOURCE_MESSAGE_ID_ATTRIBUTE = 'dlq-source-message-id';

/** SQS caps a message's delay at 15 minutes. */
const MAX_DELAY_SECONDS = 900;
/** SQS allows 10 message attributes; ours come first, the producer's fill the rest. */
const MAX_ATTRIBUTES = 10;

export interface QueueOptions {
  sqs: SQSClient;
  /** The rate-limiter queue, where deferred messages are put back. */
  queueUrl: string;
  deadLetterQueueUrl: string;
}

/** Re-enqueues deferred messages and dead-letters messages with a reason. */
export class MessageQueues {
  private readonly options: QueueOptions;

  constructor(options: QueueOptions) {
    this.options = options;
  }

  /**
   * Puts the message back on the queue, invisible for `delayMs` (rounded up to
   * whole seconds), with its deferral count and the failed delivery attempts
   * so far. A new SQS message starts with a receive count of 1, so waiting for
   * a token never uses up delivery attempts.
   */
  async defer(
    record: SQSRecord,
    delayMs: number,
    counts: { deferrals: number; failedAttempts: number },
  ): Promise<number> {
    const delaySeconds = Math.min(
      MAX_DELAY_SECONDS,
      Math.max(0, Math.ceil(delayMs / 1000)),
    );
    await this.options.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.options.queueUrl,
        MessageBody: record.body,
        DelaySeconds: delaySeconds,
        MessageAttributes: attributes(record, {
          [DEFERRALS_ATTRIBUTE]: {
            DataType: 'Number',
            StringValue: String(counts.deferrals),
          },
          [FAILED_ATTEMPTS_ATTRIBUTE]: {
            DataType: 'Number',
            StringValue: String(counts.failedAttempts),
          },
        }),
      }),
    );
    return delaySeconds;
  }

  /**
   * Sends the message to the DLQ with why it is there. The deferral and failed-attempt
   * counts stay behind: a message redriven from the DLQ starts fresh instead of going
   * straight back on its first throttle (the reason and receive count say what happened).
   */
  async deadLetter(record: SQSRecord, reason: string): Promise<void> {
    await this.options.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.options.deadLetterQueueUrl,
        MessageBody: record.body,
        MessageAttributes: attributes(
          record,
          {
            [DLQ_REASON_ATTRIBUTE]: {
              DataType: 'String',
              StringValue: reason.slice(0, 1000),
            },
            [DLQ_RECEIVE_COUNT_ATTRIBUTE]: {
              DataType: 'Number',
              StringValue: record.attributes.ApproximateReceiveCount ?? '1',
            },
            [DLQ_SOURCE_MESSAGE_ID_ATTRIBUTE]: {
              DataType: 'String',
              StringValue: record.messageId,
            },
          },
          BOOKKEEPING_ATTRIBUTES,
        ),
      }),
    );
  }
}

/** The deferral count carried by a record (0 for a message never deferred). */
export function deferralsOf(record: SQSRecord): number {
  return countAttribute(record, DEFERRALS_ATTRIBUTE);
}

/** Failed delivery attempts of earlier (deferred) copies of this message. */
export function failedAttemptsOf(record: SQSRecord): number {
  return countAttribute(record, FAILED_ATTEMPTS_ATTRIBUTE);
}

function countAttribute(record: SQSRecord, name: string): number {
  const value = Number(record.messageAttributes?.[name]?.stringValue ?? 0);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** The limiter's own counters, carried only by deferred copies on the queue. */
const BOOKKEEPING_ATTRIBUTES: readonly string[] = [
  DEFERRALS_ATTRIBUTE,
  FAILED_ATTEMPTS_ATTRIBUTE,
];

/** `ours`, then the record's attributes except those named in `drop`, up to SQS's limit. */
function attributes(
  record: SQSRecord,
  ours: Record<string, MessageAttributeValue>,
  drop: readonly string[] = [],
): Record<string, MessageAttributeValue> {
  const result: Record<string, MessageAttributeValue> = { ...ours };
  for (const [name, value] of Object.entries(record.messageAttributes ?? {})) {
    if (Object.keys(result).length >= MAX_ATTRIBUTES) break;
    if (name in result || drop.includes(name)) continue;
    if (value.stringValue !== undefined) {
      result[name] = {
        DataType: value.dataType,
        StringValue: value.stringValue,
      };
    } else if (value.binaryValue !== undefined) {
      result[name] = {
        DataType: value.dataType,
        BinaryValue: Buffer.from(value.binaryValue, 'base64'),
      };
    }
  }
  return result;
}
