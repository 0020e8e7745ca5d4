import { randomUUID } from 'node:crypto';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DLQ_REDRIVE_HISTORY_ID,
  DlqRedriveMethod,
  DlqRedriveResult,
  PlannedCall,
  RemediationOutcome,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import { describeAwsError, isApiUnavailable } from '../../aws';
import { nextBatchSize, planBoundedMove } from '../../domain/throttling';
import type {
  QueueRef,
  SqsMessageMove,
} from '../../sources/remediation/sqsMessageMove';
import type { RemediationStore } from '../remediation/RemediationStore';

/** A bounded move stops after this long even below its bound, so the request stays short. */
const BOUNDED_MOVE_DEADLINE_MS = 20_000;

export interface DlqRedriveServiceOptions {
  writer: SqsMessageMove;
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

  constructor(private readonly options: DlqRedriveServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Records an attempt refused by the permission policy; no AWS call was made. */
  async recordDenied(
    req: Request,
    actor: string,
    reason: string,
  ): Promise<void> {
    const event = await this.auditEvent(req, { outcome: 'denied' });
    await this.record(actor, 'denied', reason, [], this.nowMs());
    await event.fail({ error: new Error(reason) });
  }

  async redrive(
    req: Request,
    actor: string,
    maxMessages: number,
  ): Promise<DlqRedriveResult> {
    const started = this.nowMs();
    const { store, deadLetterQueueName } = this.options;
    const event = await this.auditEvent(req, { maxMessages });
    const operationId = randomUUID();
    if (
      !(await store.tryLock(
        DLQ_REDRIVE_HISTORY_ID,
        deadLetterQueueName,
        operationId,
        started,
      ))
    ) {
      const error = new ConflictError(
        `A redrive of ${deadLetterQueueName} is already running; wait for it to finish.`,
      );
      await this.record(actor, 'conflict', error.message, [], started);
      await event.fail({ error, meta: { outcome: 'conflict' } });
      throw error;
    }
    try {
      let dlq: QueueRef | undefined;
      let queue: QueueRef | undefined;
      try {
        [dlq, queue] = await Promise.all([
          this.options.writer.queue(deadLetterQueueName),
          this.options.writer.queue(this.options.queueName),
        ]);
      } catch (err) {
        return await this.failed(event, actor, started, err, 0);
      }
      const missing = !dlq
        ? deadLetterQueueName
        : !queue
        ? this.options.queueName
        : undefined;
      if (missing || !dlq || !queue) {
        const error = new NotFoundError(`Queue ${missing} does not exist.`);
        await this.record(actor, 'rejected', error.message, [], started);
        await event.fail({ error, meta: { outcome: 'rejected' } });
        throw error;
      }

      let outcome: MoveOutcome;
      try {
        outcome = await this.move(dlq, queue, maxMessages);
      } catch (err) {
        return await this.failed(event, actor, started, err, dlq.depth);
      } finally {
        this.options.onChanged?.();
      }
      const outcomeName = outcome.error ? 'failed' : 'succeeded';
      const message = describeOutcome(
        outcome,
        dlq.depth,
        deadLetterQueueName,
        this.options.queueName,
      );
      const historyId = await this.record(
        actor,
        outcomeName,
        message,
        outcome.calls,
        started,
      );
      const meta = {
        outcome: outcomeName,
        historyId,
        method: outcome.method,
        moved: outcome.moved,
        notMoved: outcome.notMoved,
        notDeleted: outcome.notDeleted,
      };
      if (outcome.error) await event.fail({ error: new Error(message), meta });
      else await event.success({ meta });
      return {
        outcome: outcomeName,
        method: outcome.method,
        message,
        depthBefore: dlq.depth,
        moved: outcome.moved,
        notMoved: outcome.notMoved,
        notDeleted: outcome.notDeleted,
        ...(outcome.taskHandle ? { taskHandle: outcome.taskHandle } : {}),
        historyId,
      };
    } finally {
      await store.unlock(DLQ_REDRIVE_HISTORY_ID, deadLetterQueueName);
    }
  }

  private async move(
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
      const taskHandle = await this.options.writer.startMessageMoveTask(
        dlq.arn,
        queue.arn,
      );
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
    const bounded = await this.boundedMove(dlq.url, queue.url, maxMessages);
    return {
      ...bounded,
      note: 'StartMessageMoveTask is not available on this endpoint',
    };
  }

  private async boundedMove(
    dlqUrl: string,
    queueUrl: string,
    maxMessages: number,
  ): Promise<Omit<MoveOutcome, 'note'>> {
    const { writer } = this.options;
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
    event: Awaited<ReturnType<AuditorService['createEvent']>>,
    actor: string,
    started: number,
    err: unknown,
    depthBefore: number,
  ): Promise<DlqRedriveResult> {
    const message = `AWS refused the redrive: ${describeAwsError(
      err,
      this.options.endpoint,
    )}`;
    const historyId = await this.record(actor, 'failed', message, [], started);
    await event.fail({
      error: new Error(message),
      meta: { outcome: 'failed', historyId },
    });
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

  private auditEvent(req: Request, meta: Record<string, unknown>) {
    return this.options.auditor.createEvent({
      eventId: 'dlq-redrive',
      severityLevel: 'high',
      request: req,
      meta: {
        queue: this.options.queueName,
        deadLetterQueue: this.options.deadLetterQueueName,
        ...meta,
      },
    });
  }

  private async record(
    actor: string,
    outcome: RemediationOutcome,
    message: string,
    calls: PlannedCall[],
    started: number,
  ): Promise<string> {
    const id = randomUUID();
    await this.options.store.addHistory({
      id,
      checkId: DLQ_REDRIVE_HISTORY_ID,
      resourceId: this.options.deadLetterQueueName,
      actor,
      outcome,
      message,
      calls,
      startedAt: new Date(started).toISOString(),
      durationMs: Math.max(0, this.nowMs() - started),
    });
    return id;
  }
}

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
