/**
 * Coalesces the decisions asked for in one turn of the event loop into as few
 * script calls as the keys allow.
 *
 * Why: a decision is a few microseconds of Lua in Redis but tens of
 * microseconds of client work per command (building it, parsing its reply,
 * settling its promise). The Lambda decides a whole SQS batch at once, and a
 * busy caller has many decisions in flight; one call for all of them pays the
 * client's per-command cost once.
 *
 * Decisions for the same key keep their order: they land in the same group,
 * in order, and the groups' calls go out in order on one connection.
 */

/** One decision waiting for its call. */
interface Pending {
  key: string;
  nowMs: number;
  resolve(reply: number): void;
  reject(error: unknown): void;
}

/** Sends one script call deciding `keys[i]` at `nowsMs[i]`; one reply per key. */
export type BatchSender = (
  keys: string[],
  nowsMs: number[],
) => Promise<number[]>;

export interface DecisionBatcherOptions {
  send: BatchSender;
  /** Most decisions in one call: bounds how long one script holds Redis. */
  maxBatchSize: number;
  /**
   * Keys that may share a call have the same group (a Redis Cluster slot);
   * without it every key may share one call (a single Redis).
   */
  groupOf?: (key: string) => number;
}

function assertBatchSize(maxBatchSize: number): void {
  if (!Number.isSafeInteger(maxBatchSize) || maxBatchSize < 1) {
    throw new RangeError(
      `maxBatchSize must be a positive integer, got ${maxBatchSize}`,
    );
  }
}

/**
 * Splits decisions into calls: by group, first appearance first, order kept
 * inside a group, at most `maxBatchSize` per call.
 */
export function splitIntoBatches<T extends { key: string }>(
  items: readonly T[],
  maxBatchSize: number,
  groupOf?: (key: string) => number,
): T[][] {
  assertBatchSize(maxBatchSize);
  const groups = new Map<number, T[]>();
  if (groupOf) {
    for (const item of items) {
      const group = groupOf(item.key);
      const members = groups.get(group);
      if (members) members.push(item);
      else groups.set(group, [item]);
    }
  } else {
    groups.set(0, [...items]);
  }
  const batches: T[][] = [];
  for (const members of groups.values()) {
    for (let start = 0; start < members.length; start += maxBatchSize) {
      batches.push(members.slice(start, start + maxBatchSize));
    }
  }
  return batches;
}

export class DecisionBatcher {
  private queue: Pending[] = [];
  private readonly options: DecisionBatcherOptions;

  constructor(options: DecisionBatcherOptions) {
    assertBatchSize(options.maxBatchSize); // now, not at the first call
    this.options = options;
  }

  /** The script's reply for `key` at `nowMs`, decided with whatever else is asked this turn. */
  decide(key: string, nowMs: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      // a microtask runs once the current synchronous work and the promise
      // continuations already queued are done: everything asked "at once"
      if (this.queue.length === 0) queueMicrotask(this.flush);
      this.queue.push({ key, nowMs, resolve, reject });
    });
  }

  private readonly flush = (): void => {
    const queue = this.queue;
    this.queue = [];
    const { maxBatchSize, groupOf } = this.options;
    for (const batch of splitIntoBatches(queue, maxBatchSize, groupOf))
      this.sendBatch(batch);
  };

  private sendBatch(batch: Pending[]): void {
    let sent: Promise<number[]>;
    try {
      sent = this.options.send(
        batch.map(p => p.key),
        batch.map(p => p.nowMs),
      );
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      replies => {
        if (!Array.isArray(replies) || replies.length !== batch.length) {
          const error = new Error(
            `limiter script answered ${
              Array.isArray(replies) ? replies.length : typeof replies
            } replies for ${batch.length} decisions`,
          );
          for (const pending of batch) pending.reject(error);
          return;
        }
        for (let i = 0; i < batch.length; i++) batch[i].resolve(replies[i]);
      },
      error => {
        for (const pending of batch) pending.reject(error);
      },
    );
  }
}
