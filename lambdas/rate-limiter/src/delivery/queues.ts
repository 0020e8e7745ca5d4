import {
  MessageAttributeValue,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import {
  DeferralEntry,
  entryId,
  planBatches,
  unsentPositions,
} from './deferralBatches';

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

/** Re-enqueues deferred messages (in batches) and dead-letters messages with a reason. */
export class MessageQueues {
  private readonly options: QueueOptions;

  constructor(options: QueueOptions) {
    this.options = options;
  }

  /**
   * Puts deferred messages back on the queue with SendMessageBatch (see
   * `planBatches`), the calls running concurrently. Resolves with the
   * position of every entry that was not sent and why: the ones SQS refused
   * (`Failed`) and all of a call that failed as a whole. Never rejects.
   */
  async deferAll(
    entries: readonly DeferralEntry[],
  ): Promise<Map<number, string>> {
    const unsent = new Map<number, string>();
    await Promise.all(
      planBatches(entries).map(async batch => {
        try {
          const result = await this.options.sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: this.options.queueUrl,
              Entries: batch.map((index, position) => ({
                Id: entryId(position),
                MessageBody: entries[index].body,
                DelaySeconds: entries[index].delaySeconds,
                MessageAttributes: entries[index].attributes,
              })),
            }),
          );
          const reasons = new Map(
            (result.Failed ?? []).map(f => [
              f.Id,
              `${f.Code ?? 'failed'}: ${f.Message ?? 'no message'}`,
            ]),
          );
          for (const position of unsentPositions(batch.length, result)) {
            unsent.set(
              batch[position],
              reasons.get(entryId(position)) ?? 'not confirmed by SQS',
            );
          }
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          for (const index of batch) unsent.set(index, reason);
        }
      }),
    );
    return unsent;
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

/**
 * The deferred copy of `record`: invisible for `delayMs` (rounded up to whole
 * seconds, at most SQS's 15 minutes), with its deferral count and the failed
 * delivery attempts so far. A new SQS message starts with a receive count of 1,
 * so waiting for a token never uses up delivery attempts.
 */
export function deferralEntry(
  record: SQSRecord,
  delayMs: number,
  counts: { deferrals: number; failedAttempts: number },
): DeferralEntry {
  return {
    body: record.body,
    delaySeconds: Math.min(
      MAX_DELAY_SECONDS,
      Math.max(0, Math.ceil(delayMs / 1000)),
    ),
    attributes: attributes(record, {
      [DEFERRALS_ATTRIBUTE]: {
        DataType: 'Number',
        StringValue: String(counts.deferrals),
      },
      [FAILED_ATTEMPTS_ATTRIBUTE]: {
        DataType: 'Number',
        StringValue: String(counts.failedAttempts),
      },
    }),
  };
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
