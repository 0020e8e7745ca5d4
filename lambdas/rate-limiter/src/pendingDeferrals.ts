import type { SQSRecord } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MessageQueues } from './delivery/queues';
import type { DeferralEntry } from './delivery/deferralBatches';
import type { MetricsRecorder } from './metrics/recorder';

interface Pending {
  record: SQSRecord;
  entry: DeferralEntry;
  /** Log fields: ids, retryAfterMs, deferrals, failedAttempts. */
  details: Record<string, unknown>;
}

export interface DeferralSenderDeps {
  queues: Pick<MessageQueues, 'deferAll'>;
  metrics: Pick<MetricsRecorder, 'count'>;
  logger: Logger;
  clock: () => number;
}

/**
 * The deferred messages of one SQS batch. Records add their deferred copy as
 * they are decided; `send` re-sends them all together once the batch is
 * handled, a tenth of the calls one SendMessage per message would take. A
 * record's creator-order successor only waits for the decision, not for the
 * re-send: the next record's decision is what the order protects.
 */
export class PendingDeferrals {
  private readonly pending: Pending[] = [];

  add(
    record: SQSRecord,
    entry: DeferralEntry,
    details: Record<string, unknown>,
  ): void {
    this.pending.push({ record, entry, details });
  }

  get size(): number {
    return this.pending.length;
  }

  /**
   * Sends every deferred copy and returns the SQS message ids of the records
   * whose copy was not sent: those must be reported in `batchItemFailures`, so
   * SQS redelivers the original instead of losing it.
   */
  async send(deps: DeferralSenderDeps): Promise<string[]> {
    if (this.pending.length === 0) return [];
    const unsent = await deps.queues.deferAll(this.pending.map(p => p.entry));
    const failed: string[] = [];
    this.pending.forEach(({ record, entry, details }, index) => {
      const reason = unsent.get(index);
      if (reason === undefined) {
        deps.metrics.count('deferred', deps.clock());
        deps.logger.debug('message deferred', {
          ...details,
          delaySeconds: entry.delaySeconds,
        });
        return;
      }
      failed.push(record.messageId);
      deps.logger.warn('deferred copy not sent, SQS will retry the message', {
        ...details,
        reason,
      });
    });
    return failed;
  }
}
