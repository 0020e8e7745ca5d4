import { LIMITER_BOOKKEEPING_ATTRIBUTES } from '@prod-hardening/plugin-prod-hardening-common';

/** A message received from the DLQ, reduced to what a copy needs. */
export interface DlqMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  messageAttributes?: Record<string, unknown>;
  /** SQS system attributes (MessageGroupId, MessageDeduplicationId on FIFO queues). */
  attributes?: Record<string, string | undefined>;
}

/** One entry of SendMessageBatch: the copy of `message`, identified by its index. */
export interface CopyEntry {
  Id: string;
  MessageBody: string;
  MessageAttributes?: Record<string, unknown>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface BoundedMovePlan {
  /** Copies to send, `Id` = index in the received batch. */
  entries: CopyEntry[];
  /** Receipt handles to delete once the copy with the same Id was sent. */
  receiptHandleById: Map<string, string>;
}

/**
 * Copies of received DLQ messages for the source queue: the body and the producer's
 * message attributes unchanged, without the limiter's bookkeeping (deferral and
 * failed-attempt counts), so a redriven message starts fresh instead of going back to
 * the DLQ on its first throttle; on FIFO queues the same group and deduplication ids,
 * so order within a group and deduplication still hold.
 */
export function planBoundedMove(messages: DlqMessage[]): BoundedMovePlan {
  const receiptHandleById = new Map<string, string>();
  const entries = messages.map((m, i) => {
    const id = String(i);
    receiptHandleById.set(id, m.receiptHandle);
    const entry: CopyEntry = { Id: id, MessageBody: m.body };
    const attributes = withoutBookkeeping(m.messageAttributes);
    if (Object.keys(attributes).length) entry.MessageAttributes = attributes;
    const group = m.attributes?.MessageGroupId;
    if (group) {
      entry.MessageGroupId = group;
      entry.MessageDeduplicationId =
        m.attributes?.MessageDeduplicationId ?? m.messageId;
    }
    return entry;
  });
  return { entries, receiptHandleById };
}

function withoutBookkeeping(
  attributes: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes ?? {}).filter(
      ([name]) => !LIMITER_BOOKKEEPING_ATTRIBUTES.includes(name),
    ),
  );
}

/** How many messages the next receive may take without passing the bound (SQS: at most 10). */
export function nextBatchSize(
  moved: number,
  skipped: number,
  max: number,
): number {
  return Math.max(0, Math.min(10, max - moved - skipped));
}
