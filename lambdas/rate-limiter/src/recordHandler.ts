import type { SQSRecord } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import type { Logger } from '@aws-lambda-powertools/logger';
import { RateLimiterEvent, rateLimiterEventSchema } from './schemas';
import type { Decision } from './limiter/resilientRateLimiter';
import type { IdempotencyStore } from './idempotency/store';
import type { MessagingClient } from './delivery/messagingClient';
import { ApiThrottledError, MessageRejectedError } from './delivery/errors';
import {
  MessageQueues,
  deferralEntry,
  deferralsOf,
  failedAttemptsOf,
} from './delivery/queues';
import type { PendingDeferrals } from './pendingDeferrals';
import type { DeferralPlanner } from './delivery/deferralPlanner';
import type { MetricsRecorder } from './metrics/recorder';
import type { RateLimits } from './contract';

export interface RecordHandlerDeps {
  limiter: {
    consume(userId: string, nowMs: number): Promise<Decision>;
    readonly limits: RateLimits;
  };
  idempotency: Pick<IdempotencyStore, 'claim' | 'release' | 'complete'>;
  client: Pick<MessagingClient, 'send'>;
  queues: Pick<MessageQueues, 'deferAll' | 'deadLetter'>;
  metrics: MetricsRecorder;
  logger: Logger;
  /** Random delay added to each deferral, spreading retries of a burst. */
  deferJitterMs: number;
  /** When each deferred copy comes back (a creator's copies spaced out). */
  deferralPlanner: Pick<DeferralPlanner, 'delayFor'>;
  /** A message deferred this many times goes to the DLQ. */
  maxDeferrals: number;
  /**
   * Delivery attempts before a retryable failure is dead-lettered (the redrive
   * maxReceiveCount). Attempts are counted across deferrals.
   */
  maxReceives: number;
  clock?: () => number;
  random?: () => number;
}

/** What happened to one record; a thrown error means "retry it" instead. */
export type RecordOutcome = 'sent' | 'deferred' | 'duplicate' | 'dead_lettered';

/** Raised when another receiver is delivering the same message right now. */
export class MessageInFlightError extends Error {
  constructor(messageId: string) {
    super(`message ${messageId} is being delivered by another receiver`);
    this.name = 'MessageInFlightError';
  }
}

type Parsed =
  | { ok: true; event: RateLimiterEvent }
  | { ok: false; reason: string };

/** Validates the body; the reason names the offending fields, never their values. */
export function parseBody(body: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'invalid body: not JSON' };
  }
  const result = rateLimiterEventSchema.safeParse(json);
  if (result.success) return { ok: true, event: result.data };
  const fields = result.error.issues.map(
    i => `${i.path.join('.') || 'body'}: ${i.message}`,
  );
  return { ok: false, reason: `invalid body: ${fields.join('; ')}` };
}

/**
 * Handles one SQS record: validate, claim by the producer's messageId, decide,
 * then deliver, defer or dead-letter. Returns normally when the record is done
 * (SQS deletes it); throws to have SQS retry it. A deferred copy is added to
 * the batch's `deferrals`, which the batch handler re-sends at the end.
 */
export function createRecordHandler(deps: RecordHandlerDeps) {
  const clock = deps.clock ?? Date.now;
  const random = deps.random ?? Math.random;
  const { logger, metrics } = deps;

  async function deadLetter(record: SQSRecord, reason: string, ids: object) {
    await deps.queues.deadLetter(record, reason);
    metrics.count('dead_lettered', clock());
    logger.warn('message dead-lettered', { ...ids, reason });
    return 'dead_lettered' as const;
  }

  /** Failed delivery attempts before this receive, across deferred copies. */
  const previousFailures = (record: SQSRecord) =>
    failedAttemptsOf(record) +
    Number(record.attributes.ApproximateReceiveCount ?? 1) -
    1;

  function defer(
    record: SQSRecord,
    userId: string,
    retryAfterMs: number,
    ids: object,
    failedAttempts: number,
    deferrals: PendingDeferrals,
  ) {
    const count = deferralsOf(record) + 1;
    if (count > deps.maxDeferrals) {
      return deadLetter(
        record,
        `deferred ${count - 1} times without a free slot`,
        ids,
      );
    }
    const plannedMs = deps.deferralPlanner.delayFor(
      userId,
      clock(),
      retryAfterMs,
    );
    const delayMs = plannedMs + Math.floor(random() * deps.deferJitterMs);
    const counts = { deferrals: count, failedAttempts };
    deferrals.add(record, deferralEntry(record, delayMs, counts), {
      ...ids,
      retryAfterMs,
      ...counts,
    });
    return 'deferred' as const;
  }

  return async function handleRecord(
    record: SQSRecord,
    deferrals: PendingDeferrals,
  ): Promise<RecordOutcome> {
    const parsed = parseBody(record.body);
    if (!parsed.ok) {
      metrics.count('invalid', clock());
      return deadLetter(record, parsed.reason, {
        sqsMessageId: record.messageId,
      });
    }
    const { messageId, userId } = parsed.event;
    const ids = { sqsMessageId: record.messageId, messageId, userId };

    // the receipt handle is unique per receive: two receivers handed the same SQS
    // message at once (at-least-once delivery) cannot both hold the claim
    const owner = record.receiptHandle;
    const claim = await deps.idempotency.claim(messageId, owner);
    if (claim.kind === 'done') {
      metrics.count('duplicate', clock());
      logger.info('message already delivered, dropping the repeat', ids);
      return 'duplicate';
    }
    if (claim.kind === 'busy') throw new MessageInFlightError(messageId);

    const now = clock();
    const started = performance.now();
    const decision = await deps.limiter.consume(userId, now);
    metrics.decision(userId, performance.now() - started, now);
    if (decision.source === 'fallback') metrics.count('fallback', now);

    if (!decision.allowed) {
      metrics.count('throttled', now);
      await deps.idempotency.release(messageId, owner);
      const retryAfter =
        decision.retryAfter ?? deps.limiter.limits.refillIntervalMs;
      return defer(
        record,
        userId,
        retryAfter,
        ids,
        previousFailures(record),
        deferrals,
      );
    }
    metrics.count('allowed', now);

    try {
      await deps.client.send(parsed.event);
    } catch (error) {
      await deps.idempotency.release(messageId, owner);
      if (error instanceof ApiThrottledError) {
        metrics.count('api_throttled', clock());
        const wait = Math.max(
          error.retryAfterMs ?? 0,
          deps.limiter.limits.refillIntervalMs,
        );
        return defer(
          record,
          userId,
          wait,
          ids,
          previousFailures(record),
          deferrals,
        );
      }
      metrics.count('failed', clock());
      if (error instanceof MessageRejectedError) {
        return deadLetter(record, error.message, ids);
      }
      const attempts = previousFailures(record) + 1;
      const reason = error instanceof Error ? error.message : String(error);
      if (attempts >= deps.maxReceives) {
        return deadLetter(
          record,
          `delivery failed ${attempts} times, last: ${reason}`,
          ids,
        );
      }
      logger.warn('delivery failed, SQS will retry', {
        ...ids,
        attempts,
        reason,
      });
      throw error;
    }
    await deps.idempotency.complete(messageId, 'delivered');
    metrics.count('sent', clock());
    return 'sent';
  };
}
