import type { AuditorService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  DLQ_REDRIVE_HISTORY_ID,
  DlqRedriveMethod,
  DlqRedriveResult,
  PlannedCall,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import {
  AwsClientFactory,
  describeAwsError,
  isApiUnavailable,
} from '../../aws';
import { nextBatchSize, planBoundedMove } from '../../domain/throttling';
import {
  QueueRef,
  SqsMessageMove,
} from '../../sources/remediation/sqsMessageMove';
import { ChangeAttempt, ChangeAttempts } from '../remediation/ChangeAttempts';
import type { RemediationStore } from '../remediation/RemediationStore';

/** A bounded move stops after this long even below its bound, so the request stays short. */
const BOUNDED_MOVE_DEADLINE_MS = 20_000;

export interface DlqRedriveServiceOptions {
  /** The moves run with the remediation role acting for the user who asked. */
  aws: Pick<AwsClientFactory, 'actingAs'>;
  /** Locks and history rows, shared with remediations (one place for every change). */
  store: RemediationStore;
  auditor: AuditorService;
  queueName: string;
  deadLetterQueueName: string;
  endpoint?: string;
  /** Called after messages may have moved (e.g. to drop a cached DLQ depth). */
  onChanged?: () => void;
  nowMs?: () => number;
}

interface MoveOutcome {
  method: DlqRedriveMethod;
  moved: number;
  notMoved: number;
  notDeleted: number;
  taskHandle?: string;
  calls: PlannedCall[];
  note?: string;
  /** Set when AWS failed part-way; the counts say what happened before. */
  error?: string;
}

/**
 * Moves the rate limiter's dead-lettered messages back to its queue. SQS's own move
 * task is used where the endpoint offers it; otherwise a bounded move that never
 * deletes a message before its copy was accepted: receive → send copies → delete
 * exactly the originals whose copy was sent. A copy sent whose original could not be
 * deleted is delivered at most twice, and the Lambda de-duplicates by messageId.
 * One redrive per DLQ at a time (409 otherwise); every attempt is audited and
 * recorded in the remediation history.
 */
export class DlqRedriveService {
  private readonly nowMs: () => number;
  private readonly attempts: ChangeAttempts;

  constructor(private readonly options: DlqRedriveServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.attempts = new ChangeAttempts({
      store: options.store,
      auditor: options.auditor,
      nowMs: this.nowMs,
    });
  }

  /**
   * Records an attempt refused before it started (not signed in, a service token, no
   * permission, the permission service down); no AWS call was made.
   */
  async recordRefused(
    req: Request,
    actor: string,
    reason: string | undefined,
    error: Error,
  ): Promise<void> {
    await this.attempts.refused(
      req,
      { eventId: REDRIVE_EVENT, subject: this.subject(actor, reason) },
      error,
    );
  }

  async redrive(
    req: Request,
    actor: string,
    maxMessages: number,
    reason?: string,
  ): Promise<DlqRedriveResult> {
    const { deadLetterQueueName, queueName } = this.options;
    return this.attempts.run(
      req,
      {
        eventId: REDRIVE_EVENT,
        subject: this.subject(actor, reason),
        meta: {
          queue: queueName,
          deadLetterQueue: deadLetterQueueName,
          maxMessages,
        },
      },
      attempt =>
        attempt.withLock(
          `A redrive of ${deadLetterQueueName} is already running; wait for it to finish.`,
          async () => {
            await attempt.begin();
            return this.options.aws.actingAs({ userRef: actor }, async aws => {
              const writer = new SqsMessageMove(aws);
              let dlq: QueueRef | undefined;
              let queue: QueueRef | undefined;
              try {
                [dlq, queue] = await Promise.all([
                  writer.queue(deadLetterQueueName),
                  writer.queue(queueName),
                ]);
              } catch (err) {
                return this.failed(attempt, err, 0);
              }
              if (!dlq || !queue) {
                const missing = !dlq ? deadLetterQueueName : queueName;
                return attempt.refuse(
                  'rejected',
                  new NotFoundError(`Queue ${missing} does not exist.`),
                );
              }

              let outcome: MoveOutcome;
              try {
                outcome = await this.move(writer, dlq, queue, maxMessages);
              } catch (err) {
                return this.failed(attempt, err, dlq.depth);
              } finally {
                this.options.onChanged?.();
              }
              const outcomeName = outcome.error ? 'failed' : 'succeeded';
              const message = describeOutcome(
                outcome,
                dlq.depth,
                deadLetterQueueName,
                queueName,
              );
              const historyId = await attempt.end(outcomeName, {
                message,
                calls: outcome.calls,
                meta: {
                  method: outcome.method,
                  moved: outcome.moved,
                  notMoved: outcome.notMoved,
                  notDeleted: outcome.notDeleted,
                },
              });
              return {
                outcome: outcomeName,
                method: outcome.method,
                message,
                depthBefore: dlq.depth,
                moved: outcome.moved,
                notMoved: outcome.notMoved,
                notDeleted: outcome.notDeleted,
                ...(outcome.taskHandle
                  ? { taskHandle: outcome.taskHandle }
                  : {}),
                historyId,
              };
            });
          },
        ),
    );
  }

  private async move(
    writer: SqsMessageMove,
    dlq: QueueRef,
    queue: QueueRef,
    maxMessages: number,
  ): Promise<MoveOutcome> {
    const task: PlannedCall = {
      service: 'sqs',
      action: 'StartMessageMoveTask',
      params: { SourceArn: dlq.arn, DestinationArn: queue.arn },
    };
    try {
      const taskHandle = await writer.startMessageMoveTask(dlq.arn, queue.arn);
      return {
        method: 'message-move-task',
        moved: 0,
        notMoved: 0,
        notDeleted: 0,
        taskHandle,
        calls: [task],
      };
    } catch (err) {
      if (!isApiUnavailable(err)) throw err;
    }
    const bounded = await this.boundedMove(
      writer,
      dlq.url,
      queue.url,
      maxMessages,
    );
    return {
      ...bounded,
      note: 'StartMessageMoveTask is not available on this endpoint',
    };
  }

  private async boundedMove(
    writer: SqsMessageMove,
    dlqUrl: string,
    queueUrl: string,
    maxMessages: number,
  ): Promise<Omit<MoveOutcome, 'note'>> {
    const deadline = this.nowMs() + BOUNDED_MOVE_DEADLINE_MS;
    let moved = 0;
    let notMoved = 0;
    let notDeleted = 0;
    let batches = 0;
    let error: string | undefined;
    try {
      for (;;) {
        const size = nextBatchSize(moved, notMoved, maxMessages);
        if (size === 0 || this.nowMs() >= deadline) break;
        const messages = await writer.receive(dlqUrl, size);
        if (messages.length === 0) break;
        batches += 1;
        const plan = planBoundedMove(messages);
        const sent = await writer.sendCopies(queueUrl, plan.entries);
        // Unsent copies: their originals stay in the DLQ and reappear after the visibility timeout.
        notMoved += messages.length - sent.size;
        const handles = [...sent].map(id => plan.receiptHandleById.get(id)!);
        if (handles.length) {
          moved += handles.length;
          const deleted = await writer.delete(dlqUrl, handles).catch(() => 0); // copies are out: count them as not deleted, never resend
          notDeleted += handles.length - deleted;
        }
        if (sent.size === 0) break; // the queue refuses copies: stop rather than spin
      }
    } catch (err) {
      error = describeAwsError(err, this.options.endpoint);
    }
    return {
      method: 'bounded-move',
      moved,
      notMoved,
      notDeleted,
      error,
      calls: [
        {
          service: 'sqs',
          action: 'ReceiveMessage',
          params: { QueueUrl: dlqUrl, batches },
        },
        {
          service: 'sqs',
          action: 'SendMessageBatch',
          params: { QueueUrl: queueUrl, messages: moved + notMoved },
        },
        {
          service: 'sqs',
          action: 'DeleteMessageBatch',
          params: { QueueUrl: dlqUrl, messages: moved },
        },
      ],
    };
  }

  private async failed(
    attempt: ChangeAttempt,
    err: unknown,
    depthBefore: number,
  ): Promise<DlqRedriveResult> {
    const message = `AWS refused the redrive: ${describeAwsError(
      err,
      this.options.endpoint,
    )}`;
    const historyId = await attempt.end('failed', { message });
    return {
      outcome: 'failed',
      method: 'bounded-move',
      message,
      depthBefore,
      moved: 0,
      notMoved: 0,
      notDeleted: 0,
      historyId,
    };
  }

  private subject(actor: string, reason: string | undefined) {
    return {
      checkId: DLQ_REDRIVE_HISTORY_ID,
      resourceId: this.options.deadLetterQueueName,
      actor,
      reason,
    };
  }
}

const REDRIVE_EVENT = 'dlq-redrive';

function describeOutcome(
  outcome: MoveOutcome,
  depthBefore: number,
  dlqName: string,
  queueName: string,
): string {
  if (outcome.method === 'message-move-task') {
    return `SQS is moving the ${depthBefore} message(s) of ${dlqName} back to ${queueName} (move task ${
      outcome.taskHandle ?? 'started'
    }).`;
  }
  const parts = [
    `Moved ${outcome.moved} of ${depthBefore} message(s) from ${dlqName} back to ${queueName}`,
  ];
  if (outcome.notMoved)
    parts.push(`${outcome.notMoved} could not be sent and stay in the DLQ`);
  if (outcome.notDeleted)
    parts.push(
      `${outcome.notDeleted} were copied but not deleted (they may be delivered twice; the limiter de-duplicates by messageId)`,
    );
  if (outcome.error) parts.push(`then AWS failed: ${outcome.error}`);
  return `${parts.join('; ')}.${
    outcome.note ? ` Bounded move: ${outcome.note}.` : ''
  }`;
}
