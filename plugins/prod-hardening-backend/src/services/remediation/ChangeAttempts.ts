import { randomUUID } from 'node:crypto';
import type {
  AuditorService,
  AuditorServiceEvent,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type {
  CheckResult,
  PlannedCall,
  RemediationHistoryEntry,
  RemediationOutcome,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import type { HistorySeal, RemediationStore } from './RemediationStore';

export type FinalOutcome = Exclude<RemediationOutcome, 'in-progress'>;

/** What an attempt changes and who asked; completed as the attempt learns it. */
export interface AttemptSubject {
  checkId: string;
  resourceId: string;
  planId?: string;
  actor: string;
  reason?: string;
  overriddenBlockers?: string[];
}

export interface AttemptEnd {
  message: string;
  calls?: PlannedCall[];
  verified?: CheckResult;
  /** Extra audit fields (counts, method, verified status). */
  meta?: JsonObject;
  /** The error to put in the audit event; defaults to one made of `message`. */
  error?: Error;
}

/** The outcome recorded for an error that ends an attempt. */
export function outcomeOfError(err: unknown): FinalOutcome {
  switch ((err as Error | undefined)?.name) {
    case 'ServiceUnavailableError':
      return 'unavailable';
    case 'AuthenticationError':
    case 'NotAllowedError':
      return 'denied';
    case 'ConflictError':
      return 'conflict';
    case 'NotFoundError':
    case 'InputError':
      return 'rejected';
    default:
      return 'failed';
  }
}

/**
 * Every change to the account (remediations, DLQ redrives) runs as one attempt: an
 * audit event opened first, a history row written in progress before the first AWS
 * call, a lock on the check+resource, and, whatever happens, the row and the event
 * completed with the outcome. Nothing can end an attempt without a record.
 */
export class ChangeAttempts {
  constructor(
    private readonly options: {
      store: RemediationStore;
      auditor: AuditorService;
      nowMs: () => number;
    },
  ) {}

  /**
   * Runs `body` as one attempt. `body` calls `attempt.begin()` before its first AWS
   * call and ends with `attempt.end(...)` or `attempt.refuse(...)`; an error it throws
   * ends the attempt with the error's outcome and is re-thrown for the router.
   */
  async run<T>(
    req: Request | undefined,
    start: { eventId: string; subject: AttemptSubject; meta?: JsonObject },
    body: (attempt: ChangeAttempt) => Promise<T>,
  ): Promise<T> {
    const attempt = await this.open(req, start);
    try {
      const result = await body(attempt);
      // A path that returned without ending would leave the event "initiated".
      if (!attempt.ended) {
        await attempt.end('failed', {
          message: 'The attempt ended without an outcome.',
        });
      }
      return result;
    } catch (err) {
      if (!attempt.ended) {
        await attempt.end(outcomeOfError(err), {
          message: err instanceof Error ? err.message : String(err),
          error: err instanceof Error ? err : undefined,
        });
      }
      throw err;
    }
  }

  /** Records an attempt refused before it could start (not signed in, no permission...). */
  async refused(
    req: Request,
    start: { eventId: string; subject: AttemptSubject },
    error: Error,
  ): Promise<void> {
    const outcome = outcomeOfError(error);
    const attempt = await this.open(req, { ...start, meta: { outcome } });
    await attempt.end(outcome, { message: error.message, error });
  }

  private async open(
    req: Request | undefined,
    start: { eventId: string; subject: AttemptSubject; meta?: JsonObject },
  ): Promise<ChangeAttempt> {
    const { subject } = start;
    const event = await this.options.auditor.createEvent({
      eventId: start.eventId,
      severityLevel: 'high',
      request: req,
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
    );
  }
}

export class ChangeAttempt {
  /** The history row's id, also the lock owner and the plan's claim. */
  readonly id = randomUUID();
  private readonly startedMs: number;
  private begun = false;
  private endedFlag = false;

  constructor(
    private readonly store: RemediationStore,
    private readonly event: AuditorServiceEvent,
    private readonly subject: AttemptSubject,
    private readonly nowMs: () => number,
  ) {
    this.startedMs = nowMs();
  }

  get ended(): boolean {
    return this.endedFlag;
  }

  /** Adds what the attempt learned (the plan's check, resource and overridden blockers). */
  describe(more: Partial<AttemptSubject>): void {
    Object.assign(this.subject, more);
  }

  /**
   * Writes the row "in progress" before the first AWS call, so a crash mid-change
   * still leaves a trace. If the store cannot write it, the 503 is thrown before AWS.
   */
  async begin(): Promise<void> {
    await this.store.addHistory(
      this.entry('in-progress', { message: 'In progress.' }),
    );
    this.begun = true;
  }

  /**
   * Runs `fn` holding the check+resource lock; 409 (recorded) when another attempt
   * holds it. Only this attempt's lock is released, never one taken over since.
   */
  async withLock<T>(busyMessage: string, fn: () => Promise<T>): Promise<T> {
    const { checkId, resourceId } = this.subject;
    const locked = await this.store.tryLock(
      checkId,
      resourceId,
      this.id,
      this.nowMs(),
    );
    if (!locked) return this.refuse('conflict', new ConflictError(busyMessage));
    try {
      return await fn();
    } finally {
      // A failed unlock must not replace the attempt's answer; the lock then goes stale.
      await this.store
        .unlock(checkId, resourceId, this.id)
        .catch(() => undefined);
    }
  }

  /** Ends the attempt with `outcome` and throws `error` for the router to answer. */
  async refuse(outcome: FinalOutcome, error: Error): Promise<never> {
    await this.end(outcome, { message: error.message, error });
    throw error;
  }

  /**
   * Completes the history row and the audit event; returns the row id. It does not
   * throw: if the row cannot be written, the audit event says so (recordError) and
   * the caller still gets the attempt's real answer.
   */
  async end(outcome: FinalOutcome, end: AttemptEnd): Promise<string> {
    this.endedFlag = true;
    const entry = this.entry(outcome, end);
    let recordError: string | undefined;
    let seal: HistorySeal | undefined;
    try {
      seal = this.begun
        ? await this.store.completeHistory(entry)
        : await this.store.addHistory(entry);
    } catch (err) {
      recordError = err instanceof Error ? err.message : String(err);
    }
    const meta: JsonObject = {
      ...end.meta,
      outcome,
      historyId: this.id,
      // The chain's end as of this row, in the audit log (a separate sink): a history
      // rewritten from here on, hashes recomputed, no longer matches it.
      ...(seal ? { historySeq: seal.seq, historyHash: seal.hash } : {}),
      ...(recordError ? { recordError } : {}),
    };
    if (outcome === 'succeeded') await this.event.success({ meta });
    else
      await this.event.fail({
        error: end.error ?? new Error(end.message),
        meta,
      });
    return this.id;
  }

  private entry(
    outcome: RemediationOutcome,
    end: AttemptEnd,
  ): RemediationHistoryEntry {
    return {
      id: this.id,
      ...this.subject,
      outcome,
      message: end.message,
      calls: end.calls ?? [],
      startedAt: new Date(this.startedMs).toISOString(),
      durationMs: Math.max(0, this.nowMs() - this.startedMs),
      verifiedStatus: end.verified?.status,
    };
  }
}
