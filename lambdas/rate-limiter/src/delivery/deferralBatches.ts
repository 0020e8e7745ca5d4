import type {
  MessageAttributeValue,
  SendMessageBatchResult,
} from '@aws-sdk/client-sqs';

/** SQS takes at most 10 entries per SendMessageBatch call. */
export const MAX_BATCH_ENTRIES = 10;
/**
 * The sum of a batch's message sizes (bodies plus attribute names, types and
 * values) may not exceed 256 KiB. Ten messages of 10,000 characters can, so a
 * batch is also cut by size.
 */
export const MAX_BATCH_BYTES = 256 * 1024;

/** One message to put back on the queue, as SendMessageBatch wants it. */
export interface DeferralEntry {
  body: string;
  delaySeconds: number;
  attributes: Record<string, MessageAttributeValue>;
}

/** The size SQS counts for a message: body and every attribute's name, type and value. */
export function entryBytes(entry: DeferralEntry): number {
  let bytes = Buffer.byteLength(entry.body);
  for (const [name, value] of Object.entries(entry.attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '');
    if (value.StringValue !== undefined) {
      bytes += Buffer.byteLength(value.StringValue);
    }
    if (value.BinaryValue !== undefined) bytes += value.BinaryValue.byteLength;
  }
  return bytes;
}

/**
 * Splits entries, in order, into SendMessageBatch calls: at most
 * `MAX_BATCH_ENTRIES` each and at most `MAX_BATCH_BYTES` together (a single
 * entry is never split, SQS already accepted it alone). Returns indexes into
 * `entries`.
 */
export function planBatches(
  entries: readonly DeferralEntry[],
  limits = { maxEntries: MAX_BATCH_ENTRIES, maxBytes: MAX_BATCH_BYTES },
): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let currentBytes = 0;
  entries.forEach((entry, index) => {
    const bytes = entryBytes(entry);
    const full =
      current.length >= limits.maxEntries ||
      (current.length > 0 && currentBytes + bytes > limits.maxBytes);
    if (full) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(index);
    currentBytes += bytes;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The positions (in the call's entry list, whose ids are the positions) that
 * were not sent. An entry SQS neither confirmed nor refused counts as not
 * sent: a message re-sent twice is caught by the idempotency claim, a message
 * lost is lost.
 */
export function unsentPositions(
  entryCount: number,
  result: Partial<Pick<SendMessageBatchResult, 'Successful'>>,
): number[] {
  const sent = new Set((result.Successful ?? []).map(s => s.Id));
  const unsent: number[] = [];
  for (let position = 0; position < entryCount; position++) {
    if (!sent.has(entryId(position))) unsent.push(position);
  }
  return unsent;
}

/** The batch entry id of the entry at `position` (ids are unique per call). */
export function entryId(position: number): string {
  return `d${position}`;
}
