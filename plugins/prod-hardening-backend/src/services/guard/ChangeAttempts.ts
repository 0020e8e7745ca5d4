import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { RemediationStore } from '../remediation/RemediationStore';
import type {
  AuditedAction,
  AuditedRefusal,
  OpenAuditEvent,
} from './auditedAction';
import { AttemptSubject, ChangeAttempt } from './ChangeAttempt';
import { AttemptDeadline, withinDeadline } from './deadline';
import { outcomeOfError } from './outcomes';

/** What an attempt's audit event and history row are about, known before it starts. */
export interface AttemptStart {
  eventId: string;
  subject: AttemptSubject;
  /** Extra fields of the audit event as it opens. */
  meta?: JsonObject;
}

/**
 * Every change to the account (remediations, DLQ redrives, exemptions, approvals)
 * runs as one attempt: an audit event opened first, a history row written in
 * progress before the first AWS call, a lock on the check+resource when the work
 * takes it, and, whatever happens, the row and the event completed with the outcome.
 * Nothing can end an attempt without a record.
 *
 * Services describe their changes with `action` and `refusal` from plain values; the
 * audit event is opened by whoever runs them (see OpenAuditEvent).
 */
export class ChangeAttempts {
  constructor(
    private readonly options: {
      store: RemediationStore;
      /** Opens the event of an outcome settled after a time-out, when no request is left. */
      auditor: AuditorService;
      nowMs: () => number;
    },
  ) {}

  /**
   * `body` as one attempt. `body` calls `attempt.begin()` before its first AWS call
   * and ends with `attempt.end(...)` or `attempt.refuse(...)`; an error it throws ends
   * the attempt with the error's outcome and is re-thrown for the router.
   */
  action<T>(
    start: AttemptStart & {
      /** Answer within this deadline whatever AWS does (see withinDeadline). */
      deadline?: AttemptDeadline<T>;
    },
    body: (attempt: ChangeAttempt) => Promise<T>,
  ): AuditedAction<T> {
    return {
      run: async openEvent => {
        const attempt = await this.open(openEvent, start);
        try {
          const work = body(attempt);
          const result = start.deadline
            ? await withinDeadline(attempt, start.deadline, work)
            : await work;
          // A path that returned without ending would leave the event "initiated".
          if (!attempt.ended && !attempt.continuing) {
            await attempt.end('failed', {
              message: 'The attempt ended without an outcome.',
            });
          }
          return result;
        } catch (err) {
          if (!attempt.ended && !attempt.continuing) {
            await attempt.end(outcomeOfError(err), {
              message: err instanceof Error ? err.message : String(err),
              error: err instanceof Error ? err : undefined,
            });
          }
          throw err;
        }
      },
    };
  }

  /** An attempt refused before it could start (not signed in, no permission...). */
  refusal(start: AttemptStart): AuditedRefusal {
    return {
      record: async (openEvent, error) => {
        const outcome = outcomeOfError(error);
        const attempt = await this.open(openEvent, {
          ...start,
          meta: { outcome },
        });
        await attempt.end(outcome, { message: error.message, error });
      },
    };
  }

  private async open(
    openEvent: OpenAuditEvent,
    start: AttemptStart,
  ): Promise<ChangeAttempt> {
    const { subject } = start;
    const event = await openEvent({
      eventId: start.eventId,
      severityLevel: 'high',
      meta: {
        ...start.meta,
        checkId: subject.checkId,
        resourceId: subject.resourceId,
        planId: subject.planId ?? null,
      },
    });
    return new ChangeAttempt(
      this.options.store,
      event,
      { ...subject },
      this.options.nowMs,
      // A timed-out attempt's later outcome is its own audit event.
      meta =>
        this.options.auditor.createEvent({
          eventId: `${start.eventId}-settled`,
          severityLevel: 'high',
          meta: { ...meta, actor: subject.actor },
        }),
    );
  }
}
