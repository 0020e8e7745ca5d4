import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  DLQ_MOVE_TASK_MESSAGES_PER_SECOND,
  DLQ_REDRIVE_HISTORY_ID,
  DLQ_REDRIVE_MAX_MESSAGES,
  DlqRedriveMethod,
  DlqRedriveResult,
  DlqRedriveStatus,
  PlannedCall,
  RemediationHistoryEntry,
} from '@prod-hardening/plugin-prod-hardening-common';
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
import {
  isMoveTaskActive,
  MessageMoveTask,
  SqsSource,
} from '../../sources/sqs';
import {
  AuditedAction,
  AuditedRefusal,
  ChangeAttempt,
  ChangeAttempts,
  DEFAULT_DEADLINE_MS,
} from '../guard';
import type { RemediationStore } from '../remediation/RemediationStore';
import type { AccountScope } from '../../domain/remediation/affectedResources';

/** A bounded move stops after this long even below its bound, so the request stays short. */
const BOUNDED_MOVE_DEADLINE_MS = 20_000;
/** How often a running SQS move task is polled (ListMessageMoveTasks). */
const MOVE_TASK_POLL_MS = 5_000;
/**
 * Consecutive failed polls after which the task is given up on (its lock then goes);
 * at 5 s a poll, a minute of ListMessageMoveTasks errors.
 */
const MAX_FAILED_POLLS = 12;

export interface DlqRedriveServiceOptions {
  /** The moves run with the remediation role acting for the user who asked. */
  aws: Pick<AwsClientFactory, 'actingAs'>;
  /** Reads with the read role: the move task's progress, the queues' ARNs for the status. */
  reader: SqsSource;
  /** Locks and history rows, shared with remediations (one place for every change). */
  store: RemediationStore;
  auditor: AuditorService;
  queueName: string;
  deadLetterQueueName: string;
  /** The queues' account: their ARNs, which ownership is checked on. */
  account?: AccountScope;
  endpoint?: string;
  /** Called after messages may have moved (e.g. to drop a cached DLQ depth). */
  onChanged?: () => void;
  nowMs?: () => number;
  /** Rate of SQS's move task; default DLQ_MOVE_TASK_MESSAGES_PER_SECOND. */
  moveTaskMessagesPerSecond?: number;
  /** Poll interval of a running move task; default 5 s. */
  movePollIntervalMs?: number;
  /** A redrive answers within this many ms whatever AWS does (default 60 s). */
  deadlineMs?: number;
}

interface MoveOutcome {
  moved: number;
  notMoved: number;
  notDeleted: number;
  calls: PlannedCall[];
  /** Set when AWS failed part-way; the counts say what happened before. */
  error?: string;
}

/**
 * Moves the rate limiter's dead-lettered messages back to its queue, in one of two ways:
 *
 * - with a bound (`maxMessages`): a bounded move that never deletes a message before
 *   its copy was accepted: receive → send copies (without the limiter's deferral and
 *   failed-attempt counts, so a redriven message starts fresh) → delete exactly the
 *   originals whose copy was sent. A copy sent whose original could not be deleted is
 *   delivered at most twice, and the Lambda de-duplicates by messageId.
 * - without a bound: SQS's own move task at a set rate, polled until it ends; the answer
 *   says "running", the lock and the history row stay open until SQS reports the task
 *   completed or failed. Where the endpoint has no move task (the local emulator), a
 *   bounded move of DLQ_REDRIVE_MAX_MESSAGES instead.
 *
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

  /** The ARNs a redrive changes: the dead-letter queue and the queue it refills. */
  affectedResources(): string[] {
    const { account, deadLetterQueueName, queueName } = this.options;
    if (!account) return [];
    const arn = (name: string) =>
      `arn:${account.partition}:sqs:${account.region}:${account.accountId}:${name}`;
    return [arn(deadLetterQueueName), arn(queueName)];
  }

  /**
   * A redrive refused before it started (not signed in, a service token, no
   * permission, the permission service down); no AWS call was made.
   */
  refused(actor: string, reason: string | undefined): AuditedRefusal {
    return this.attempts.refusal({
      eventId: REDRIVE_EVENT,
      subject: this.subject(actor, reason),
    });
  }

  redrive(
    actor: string,
    maxMessages: number | undefined,
    reason?: string,
  ): AuditedAction<DlqRedriveResult> {
    const { deadLetterQueueName, queueName } = this.options;
    return this.attempts.action<DlqRedriveResult>(
      {
        eventId: REDRIVE_EVENT,
        subject: this.subject(actor, reason),
        meta: {
          queue: queueName,
          deadLetterQueue: deadLetterQueueName,
          maxMessages: maxMessages ?? null,
        },
        deadline: {
          ms: this.options.deadlineMs ?? DEFAULT_DEADLINE_MS,
          answer: ({ historyId, message }) => ({
            outcome: 'timed-out',
            method:
              maxMessages === undefined ? 'message-move-task' : 'bounded-move',
            message,
            depthBefore: 0,
            moved: 0,
            notMoved: 0,
            notDeleted: 0,
            historyId,
          }),
        },
      },
      attempt =>
        attempt.withLock(
          `A redrive of ${deadLetterQueueName} is already running; wait for it to finish.`,
          async () =>
            this.options.aws.actingAs({ userRef: actor }, async aws => {
              const writer = new SqsMessageMove(aws);
              await attempt.begin([
                maxMessages === undefined
                  ? {
                      service: 'sqs',
                      action: 'StartMessageMoveTask',
                      params: {},
                    }
                  : { service: 'sqs', action: 'ReceiveMessage', params: {} },
              ]);
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
                  'not-found',
                  `Queue ${missing} does not exist.`,
                );
              }
              if (maxMessages !== undefined) {
                return this.boundedMove(
                  writer,
                  attempt,
                  dlq,
                  queue,
                  maxMessages,
                );
              }
              return this.startMoveTask(writer, attempt, dlq, queue);
            }),
        ),
    );
  }

  /**
   * The latest redrive (from the history, so every replica answers the same), with the
   * SQS move task's progress where the endpoint lists move tasks.
   */
  async status(): Promise<DlqRedriveStatus> {
    const { store, reader, deadLetterQueueName } = this.options;
    const rows = await store.listHistory({
      checkId: DLQ_REDRIVE_HISTORY_ID,
      limit: 50,
    });
    const latest = rows.find(r => MOVE_OUTCOMES.has(r.outcome));
    // A timed-out redrive is superseded by the row that settles it (same start time).
    const last = rows.find(r => latest && r.settles === latest.id) ?? latest;
    const status: DlqRedriveStatus = {
      state: last ? stateOf(last) : 'idle',
      queueName: deadLetterQueueName,
      ...(last
        ? {
            historyId: last.id,
            method: methodOf(last),
            startedAt: last.startedAt,
            actor: last.actor,
            message: last.message,
          }
        : {}),
    };
    if (last && status.method === 'bounded-move') return status;
    const task = await this.readMoveTask(reader).catch(() => undefined);
    if (task) {
      status.task = {
        taskHandle: task.taskHandle,
        status: task.status,
        moved: task.moved,
        toMove: task.toMove,
        maxPerSecond: task.maxPerSecond,
        failureReason: task.failureReason,
      };
      // A task started outside the portal (console, CLI) still shows as running.
      if (status.state === 'idle' && isMoveTaskActive(task))
        status.state = 'running';
    }
    return status;
  }

  private async readMoveTask(
    reader: SqsSource,
  ): Promise<MessageMoveTask | undefined> {
    const url = await reader.getQueueUrl(this.options.deadLetterQueueName);
    if (!url) return undefined;
    const { QueueArn } = await reader.getQueueAttributes(url, ['QueueArn']);
    return QueueArn ? reader.latestMessageMoveTask(QueueArn) : undefined;
  }

  private async startMoveTask(
    writer: SqsMessageMove,
    attempt: ChangeAttempt,
    dlq: QueueRef,
    queue: QueueRef,
  ): Promise<DlqRedriveResult> {
    const rate =
      this.options.moveTaskMessagesPerSecond ??
      DLQ_MOVE_TASK_MESSAGES_PER_SECOND;
    const start: PlannedCall = {
      service: 'sqs',
      action: 'StartMessageMoveTask',
      params: {
        SourceArn: dlq.arn,
        DestinationArn: queue.arn,
        MaxNumberOfMessagesPerSecond: rate,
      },
    };
    attempt.assertInTime();
    let taskHandle: string | undefined;
    try {
      taskHandle = await writer.startMessageMoveTask(dlq.arn, queue.arn, rate);
    } catch (err) {
      if (!isApiUnavailable(err)) {
        return this.failed(attempt, err, dlq.depth, 'message-move-task', [
          start,
        ]);
      }
      return this.boundedMove(
        writer,
        attempt,
        dlq,
        queue,
        DLQ_REDRIVE_MAX_MESSAGES,
        `StartMessageMoveTask is not available on this endpoint, so at most ${DLQ_REDRIVE_MAX_MESSAGES} messages were moved`,
      );
    }
    this.options.onChanged?.();
    const calls = [{ ...start, params: { ...start.params, taskHandle } }];
    attempt.continueInBackground(
      this.followMoveTask(attempt, dlq, taskHandle, calls),
    );
    const { deadLetterQueueName, queueName } = this.options;
    return {
      outcome: 'running',
      method: 'message-move-task',
      message: `SQS is moving the ${dlq.depth} message(s) of ${deadLetterQueueName} back to ${queueName}, at most ${rate} a second; the Throttling tab shows its progress.`,
      depthBefore: dlq.depth,
      moved: 0,
      notMoved: 0,
      notDeleted: 0,
      ...(taskHandle ? { taskHandle } : {}),
      historyId: attempt.id,
    };
  }

  /**
   * Polls the move task until SQS reports it ended, then completes the attempt; the
   * lock is held meanwhile, so no second redrive starts on the same DLQ.
   */
  private async followMoveTask(
    attempt: ChangeAttempt,
    dlq: QueueRef,
    taskHandle: string | undefined,
    calls: PlannedCall[],
  ): Promise<void> {
    const interval = this.options.movePollIntervalMs ?? MOVE_TASK_POLL_MS;
    let failedPolls = 0;
    let lastError = '';
    for (;;) {
      await sleep(interval);
      let task: MessageMoveTask | undefined;
      try {
        task = await this.options.reader.latestMessageMoveTask(dlq.arn);
        failedPolls = 0;
      } catch (err) {
        lastError = describeAwsError(err, this.options.endpoint);
        if (++failedPolls < MAX_FAILED_POLLS) continue;
        await attempt.end('failed', {
          message: `Started SQS move task ${taskHandle}, but could not follow it (${failedPolls} failed ListMessageMoveTasks, last: ${lastError}); see the DLQ's depth for what moved.`,
          calls,
          meta: { method: 'message-move-task' },
        });
        return;
      }
      // A newer task (started elsewhere) means ours is over; its final counts are not listed.
      const ours = task && (!taskHandle || task.taskHandle === taskHandle);
      if (ours && isMoveTaskActive(task!)) continue;
      this.options.onChanged?.();
      const moved = ours ? task!.moved : undefined;
      const succeeded = !ours || task!.status === 'COMPLETED';
      const message = succeeded
        ? `SQS moved ${moved ?? 'the'} message(s) of ${
            this.options.deadLetterQueueName
          } back to ${this.options.queueName} (move task ${taskHandle}).`
        : `SQS move task ${taskHandle} ended ${task!.status}${
            task!.failureReason ? `: ${task!.failureReason}` : ''
          } after moving ${task!.moved} message(s).`;
      await attempt.end(succeeded ? 'succeeded' : 'failed', {
        message,
        calls,
        meta: {
          method: 'message-move-task',
          moved: moved ?? null,
          taskStatus: ours ? task!.status : null,
        },
      });
      return;
    }
  }

  private async boundedMove(
    writer: SqsMessageMove,
    attempt: ChangeAttempt,
    dlq: QueueRef,
    queue: QueueRef,
    maxMessages: number,
    note?: string,
  ): Promise<DlqRedriveResult> {
    let outcome: MoveOutcome;
    try {
      outcome = await this.moveUpTo(
        writer,
        attempt,
        dlq.url,
        queue.url,
        maxMessages,
      );
    } finally {
      this.options.onChanged?.();
    }
    const outcomeName = outcome.error ? 'failed' : 'succeeded';
    const message = describeBoundedMove(
      outcome,
      dlq.depth,
      this.options.deadLetterQueueName,
      this.options.queueName,
      note,
    );
    const historyId = await attempt.end(outcomeName, {
      message,
      calls: outcome.calls,
      meta: {
        method: 'bounded-move',
        moved: outcome.moved,
        notMoved: outcome.notMoved,
        notDeleted: outcome.notDeleted,
      },
    });
    return {
      outcome: outcomeName,
      method: 'bounded-move',
      message,
      depthBefore: dlq.depth,
      moved: outcome.moved,
      notMoved: outcome.notMoved,
      notDeleted: outcome.notDeleted,
      historyId,
    };
  }

  private async moveUpTo(
    writer: SqsMessageMove,
    attempt: ChangeAttempt,
    dlqUrl: string,
    queueUrl: string,
    maxMessages: number,
  ): Promise<MoveOutcome> {
    const deadline = this.nowMs() + BOUNDED_MOVE_DEADLINE_MS;
    let moved = 0;
    let notMoved = 0;
    let notDeleted = 0;
    let batches = 0;
    let error: string | undefined;
    try {
      for (;;) {
        const size = nextBatchSize(moved, notMoved, maxMessages);
        // Past the request's deadline no new batch starts: the person was told "timed out".
        if (size === 0 || this.nowMs() >= deadline || attempt.pastDeadline)
          break;
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
      moved,
      notMoved,
      notDeleted,
      error,
      calls: [
        {
          service: 'sqs',
          action: 'ReceiveMessage',
          params: { QueueUrl: dlqUrl, batches, maxMessages },
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
    method: DlqRedriveMethod = 'bounded-move',
    calls: PlannedCall[] = [],
  ): Promise<DlqRedriveResult> {
    const message = `AWS refused the redrive: ${describeAwsError(
      err,
      this.options.endpoint,
    )}`;
    const historyId = await attempt.end('failed', { message, calls });
    return {
      outcome: 'failed',
      method,
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

/** History outcomes of redrives that ran (not refused before moving anything). */
const MOVE_OUTCOMES = new Set<string>([
  'in-progress',
  'succeeded',
  'failed',
  'timed-out',
]);

function stateOf(row: RemediationHistoryEntry): DlqRedriveStatus['state'] {
  if (row.outcome === 'in-progress') return 'running';
  if (row.outcome === 'timed-out') return 'timed-out';
  return row.outcome === 'succeeded' ? 'completed' : 'failed';
}

function methodOf(row: RemediationHistoryEntry): DlqRedriveMethod {
  return row.calls[0]?.action === 'StartMessageMoveTask'
    ? 'message-move-task'
    : 'bounded-move';
}

function describeBoundedMove(
  outcome: MoveOutcome,
  depthBefore: number,
  dlqName: string,
  queueName: string,
  note: string | undefined,
): string {
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
  return `${parts.join('; ')}.${note ? ` ${note}.` : ''}`;
}

/** A wait that does not keep the process alive: at shutdown the lock goes stale instead. */
function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms).unref());
}
