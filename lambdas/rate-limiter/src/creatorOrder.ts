import type { SQSRecord } from 'aws-lambda';

/**
 * The creator a record belongs to, read the way the record handler reads it
 * (the body's `userId`); undefined for a body that is not a message, which the
 * record handler dead-letters on its own.
 */
export function creatorOf(record: SQSRecord): string | undefined {
  try {
    const userId = (JSON.parse(record.body) as { userId?: unknown })?.userId;
    return typeof userId === 'string' ? userId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps a record handler for one batch so that records of different creators run
 * concurrently while each creator's records run one after the other, in the
 * batch's order. A record waits for the previous record of its creator to settle,
 * whether it succeeded or threw: the failure is the caller's to report (partial
 * batch response), and SQS retries only that record.
 */
export function inCreatorOrder<T>(
  records: SQSRecord[],
  handle: (record: SQSRecord) => Promise<T>,
  creator: (record: SQSRecord) => string | undefined = creatorOf,
): (record: SQSRecord) => Promise<T> {
  const settled = new Map<string, Promise<void>>();
  const release = new Map<string, () => void>();
  const predecessor = new Map<string, string>();
  const lastOfCreator = new Map<string, string>();
  for (const record of records) {
    settled.set(
      record.messageId,
      new Promise(resolve => release.set(record.messageId, resolve)),
    );
    const key = creator(record);
    if (key === undefined) continue;
    const previous = lastOfCreator.get(key);
    if (previous !== undefined) predecessor.set(record.messageId, previous);
    lastOfCreator.set(key, record.messageId);
  }
  return async record => {
    const previous = predecessor.get(record.messageId);
    if (previous !== undefined) await settled.get(previous);
    try {
      return await handle(record);
    } finally {
      release.get(record.messageId)?.();
    }
  };
}
