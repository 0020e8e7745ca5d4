import { randomUUID } from 'node:crypto';
import type { AuditorServiceEvent } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type {
  CheckResult,
  PlannedCall,
  RemediationHistoryEntry,
  RemediationOutcome,
} from '@prod-hardening/plugin-prod-hardening-common';
import type {
  HistorySeal,
  RemediationStore,
} from '../remediation/RemediationStore';
import {
  FinalOutcome,
  outcomeOfError,
  RefusalKind,
  refusalOf,
} from './outcomes';

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

/**
 * One change to the account in progress: its history row (in progress before the
 * first AWS call, completed with the outcome), its audit event, its lock. Opened and
 * closed by ChangeAttempts; the service's work calls `begin`, `withLock`, `refuse`
 * and `end`.
 */
export class ChangeAttempt {
  /** The history row's id, also the lock owner and the plan's claim. */
  readonly id = randomUUID();
  private readonly startedMs: number;
  private begun = false;
  /** The in-progress row being written, so a time-out meanwhile completes that row. */
  private beginning?: Promise<unknown>;
  private endedFlag = false;
  /** Set when the attempt was answered "timed out"; its outcome then settles in a new row. */
  private timedOut = false;
  private settledAfterTimeout = false;
  /** Work the attempt goes on with after its request was answered. */
  private readonly work: Promise<unknown>[] = [];
  private finished?: Promise<void>;

  constructor(
    private readonly store: RemediationStore,
    private readonly event: AuditorServiceEvent,
    private readonly subject: AttemptSubject,
    private readonly nowMs: () => number,
    private readonly settlementEvent: (
      meta: JsonObject,
    ) => Promise<AuditorServiceEvent>,
  ) {
    this.startedMs = nowMs();
  }

  /** True once the attempt's answer is recorded (an outcome, or "timed out"). */
  get ended(): boolean {
    return this.endedFlag;
  }

  /** True when the attempt goes on after the request is answered (continueInBackground). */
  get continuing(): boolean {
    return this.work.length > 0;
  }

  /** True until the attempt's real outcome is recorded (also after a time-out). */
  private get awaitingOutcome(): boolean {
    return !this.endedFlag || (this.timedOut && !this.settledAfterTimeout);
  }

  /**
   * Lets the attempt outlive its request (an SQS move task polled until it ends, or
   * work still waiting for AWS past the deadline). The work ends the attempt; if it
   * throws, the attempt ends with the error's outcome, and if all of it returns without
   * an outcome, as failed. The lock is held until all of it has settled.
   */
  continueInBackground(work: Promise<unknown>): void {
    this.work.push(
      work.catch(async err => {
        if (this.awaitingOutcome) {
          await this.end(outcomeOfError(err), {
            message: err instanceof Error ? err.message : String(err),
            error: err instanceof Error ? err : undefined,
          });
        }
      }),
    );
    this.finished ??= this.drain()
      .then(async () => {
        if (this.awaitingOutcome) {
          await this.end('failed', {
            message: 'The attempt ended without an outcome.',
          });
        }
      })
      // end() records its own failures; nothing may escape as an unhandled rejection
      .catch(() => undefined);
  }

  /** Settles when the attempt's background work (if any) has ended and been recorded. */
  async settled(): Promise<void> {
    await this.finished;
  }

  /** Waits for every piece of background work, including work added meanwhile. */
  private async drain(): Promise<void> {
    for (let seen = 0; seen < this.work.length; ) {
      const batch = this.work.slice(seen);
      seen = this.work.length;
      await Promise.allSettled(batch);
    }
  }

  /** Adds what the attempt learned (the plan's check, resource and overridden blockers). */
  describe(more: Partial<AttemptSubject>): void {
    Object.assign(this.subject, more);
  }

  /**
   * Writes the row "in progress" before the first AWS call, so a crash mid-change
   * still leaves a trace. If the store cannot write it, the 503 is thrown before AWS.
   */
  async begin(calls: PlannedCall[] = []): Promise<void> {
    this.assertInTime();
    this.beginning = this.store.addHistory(
      this.entry('in-progress', { message: 'In progress.', calls }),
    );
    await this.beginning;
    this.begun = true;
  }

  /** True once the attempt was answered "timed out". */
  get pastDeadline(): boolean {
    return this.timedOut;
  }

  /**
   * Called before each AWS write: once the person was told "timed out", no new write
   * starts (the outcome settles as unavailable, nothing changed by this step).
   */
  assertInTime(): void {
    if (this.timedOut) {
      throw new ServiceUnavailableError(
        'The deadline passed before this change was sent to AWS: nothing more was changed.',
      );
    }
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
    if (!locked) return this.refuse('conflict', busyMessage);
    // A failed unlock must not replace the attempt's answer; the lock then goes stale.
    const unlock = () =>
      this.store.unlock(checkId, resourceId, this.id).catch(() => undefined);
    try {
      return await fn();
    } finally {
      // Work that goes on after the answer keeps the lock until it ends.
      if (this.finished) void this.finished.finally(unlock);
      else await unlock();
    }
  }

  /**
   * Ends the attempt as refused for `kind` (which decides the row's outcome and the
   * HTTP error, see outcomes.ts) and throws that error for the router to answer. The
   * audit event fails with `cause` when there is one (e.g. AWS's own error).
   */
  async refuse(
    kind: RefusalKind,
    message: string,
    cause?: Error,
  ): Promise<never> {
    const { outcome, error } = refusalOf(kind, message);
    await this.end(outcome, { message, error: cause ?? error });
    throw error;
  }

  /**
   * Answers "timed out, state unknown": the row in progress is completed as
   * `timed-out` and the audit event fails with that outcome. The work goes on; its
   * outcome, when it comes, is recorded by `end` as a new row that settles this one.
   */
  async timeOut(message: string): Promise<string> {
    // From here on, the work's own end() settles in a new row instead.
    this.timedOut = true;
    this.endedFlag = true;
    const begun = this.beginning
      ? await this.beginning.then(
          () => true,
          () => false,
        )
      : false;
    const end: AttemptEnd = { message, meta: { stateUnknown: true } };
    const entry = this.entry('timed-out', end);
    let recordError: string | undefined;
    let seal: HistorySeal | undefined;
    try {
      seal = begun
        ? await this.store.completeHistory(entry)
        : await this.store.addHistory(entry);
    } catch (err) {
      recordError = err instanceof Error ? err.message : String(err);
    }
    await this.complete(
      this.event,
      'timed-out',
      end,
      this.id,
      seal,
      recordError,
    );
    return this.id;
  }

  /**
   * Completes the history row and the audit event; returns the row id. It does not
   * throw: if the row cannot be written, the audit event says so (recordError) and
   * the caller still gets the attempt's real answer. After a time-out, the outcome
   * is a new row (`settles` = this attempt) and its own audit event, once.
   */
  async end(outcome: FinalOutcome, end: AttemptEnd): Promise<string> {
    if (this.timedOut) return this.settle(outcome, end);
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
    await this.complete(this.event, outcome, end, this.id, seal, recordError);
    return this.id;
  }

  private async settle(outcome: FinalOutcome, end: AttemptEnd) {
    if (this.settledAfterTimeout) return this.id;
    this.settledAfterTimeout = true;
    const entry: RemediationHistoryEntry = {
      ...this.entry(outcome, {
        ...end,
        message: `Settled after the deadline: ${end.message}`,
      }),
      id: randomUUID(),
      settles: this.id,
    };
    let recordError: string | undefined;
    let seal: HistorySeal | undefined;
    try {
      seal = await this.store.addHistory(entry);
    } catch (err) {
      recordError = err instanceof Error ? err.message : String(err);
    }
    try {
      const event = await this.settlementEvent({
        checkId: this.subject.checkId,
        resourceId: this.subject.resourceId,
        planId: this.subject.planId ?? null,
        settles: this.id,
      });
      await this.complete(event, outcome, end, entry.id, seal, recordError);
    } catch {
      // the auditor is down: the history row still says how it ended
    }
    return entry.id;
  }

  private async complete(
    event: AuditorServiceEvent,
    outcome: FinalOutcome,
    end: AttemptEnd,
    historyId: string,
    seal: HistorySeal | undefined,
    recordError: string | undefined,
  ) {
    const meta: JsonObject = {
      ...end.meta,
      outcome,
      historyId,
      // The chain's end as of this row, in the audit log (a separate sink): a history
      // rewritten from here on, hashes recomputed, no longer matches it.
      ...(seal ? { historySeq: seal.seq, historyHash: seal.hash } : {}),
      ...(recordError ? { recordError } : {}),
    };
    if (outcome === 'succeeded') await event.success({ meta });
    else
      await event.fail({
        error: end.error ?? new Error(end.message),
        meta,
      });
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
