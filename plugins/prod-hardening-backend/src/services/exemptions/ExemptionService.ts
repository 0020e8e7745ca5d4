import { randomUUID } from 'node:crypto';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  CreateExemptionRequest,
  Exemption,
  ExemptionFilters,
  Finding,
  PostureReport,
  RestorableWorkflowStatus,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import { describeAwsError } from '../../aws';
import {
  activeCheckExemption,
  activeFindingExemption,
  expiryProblem,
  filterExemptions,
  restoreNote,
  StoredExemption,
  suppressionNote,
  withStatus,
} from '../../domain/exemptions/rules';
import type { FindingWorkflow } from '../../sources/remediation/findingWorkflow';
import type { SecurityHubWorkflowSource } from '../../sources/securityHubWorkflow';
import { ChangeAttempts } from '../remediation/ChangeAttempts';
import type { RemediationStore } from '../remediation/RemediationStore';
import type { ExemptionStore } from './ExemptionStore';

/** The history's check id of a finding exemption (findings have no posture check of their own). */
export const FINDING_EXEMPTION_CHECK_ID = 'security-hub-finding';
/** Who restores a finding when its exemption expires. */
export const EXPIRY_ACTOR = 'service:prod-hardening-exemption-expiry';

export interface ExemptionServiceOptions {
  store: ExemptionStore;
  /** The remediation store: exemption changes share its history and locks. */
  history: RemediationStore;
  auditor: AuditorService;
  workflow: SecurityHubWorkflowSource;
  /** What can be exempted: the posture's checks and the open findings (cached). */
  posture: {
    getReport(): Promise<PostureReport>;
    getOpenFindings(): Promise<{ list: Finding[] }>;
  };
  maxDays: number;
  endpoint?: string;
  /** Called after an exemption changed, e.g. to drop cached posture on every replica. */
  onChanged?: () => void | Promise<void>;
  nowMs?: () => number;
}

/**
 * Creates, lists and revokes exemptions, and puts a finding's Security Hub workflow
 * status back when its exemption ends. Every change runs as a recorded attempt
 * (audit event + history row, see ChangeAttempts); bad input is refused before any
 * AWS call.
 */
export class ExemptionService {
  private readonly nowMs: () => number;
  private readonly attempts: ChangeAttempts;

  constructor(private readonly options: ExemptionServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.attempts = new ChangeAttempts({
      store: options.history,
      auditor: options.auditor,
      nowMs: this.nowMs,
    });
  }

  async list(filters: ExemptionFilters = {}): Promise<Exemption[]> {
    const now = this.nowMs();
    const all = (await this.options.store.list()).map(e => withStatus(e, now));
    return filterExemptions(all, filters);
  }

  /** Every stored exemption (for the score with exemptions). */
  all(): Promise<StoredExemption[]> {
    return this.options.store.list();
  }

  /** The 409 for a remediation of an exempted check on a resource, or undefined. */
  async remediationConflict(
    checkId: string,
    resourceId: string,
  ): Promise<ConflictError | undefined> {
    const active = activeCheckExemption(
      await this.options.store.list(),
      checkId,
      resourceId,
      this.nowMs(),
    );
    if (!active) return undefined;
    return new ConflictError(
      `${checkId} on ${resourceId} is exempted until ${active.expiresAt} (exemption ${active.id} by ${active.createdBy}): revoke the exemption before remediating.`,
    );
  }

  /** Records a create or revoke refused before it started (not signed in, no permission). */
  async recordRefused(
    req: Request,
    actor: string,
    what: 'create' | 'revoke',
    target: { checkId?: string; resourceId?: string },
    error: Error,
  ): Promise<void> {
    await this.attempts.refused(
      req,
      {
        eventId: `exemption-${what}`,
        subject: {
          checkId: target.checkId ?? FINDING_EXEMPTION_CHECK_ID,
          resourceId: target.resourceId ?? 'unknown',
          actor,
        },
      },
      error,
    );
  }

  async create(
    req: Request | undefined,
    actor: string,
    input: CreateExemptionRequest,
  ): Promise<Exemption> {
    const now = this.nowMs();
    const problem = expiryProblem(input.expiresAt, now, this.options.maxDays);
    const subject = {
      checkId:
        input.kind === 'check' ? input.checkId : FINDING_EXEMPTION_CHECK_ID,
      resourceId: input.kind === 'check' ? input.resourceId : input.findingId,
      actor,
      reason: input.justification,
    };
    return this.attempts.run(
      req,
      { eventId: 'exemption-create', subject, meta: { kind: input.kind } },
      async attempt => {
        if (problem) return attempt.refuse('rejected', new InputError(problem));
        const target = await this.resolveTarget(input);
        const exemption: StoredExemption = {
          id: randomUUID(),
          kind: input.kind,
          checkId: target.checkId,
          resourceId: target.resourceId,
          findingId: target.findingId,
          justification: input.justification,
          expiresAt: new Date(Date.parse(input.expiresAt)).toISOString(),
          createdBy: actor,
          createdAt: new Date(now).toISOString(),
        };
        return attempt.withLock(
          'This item is being remediated or exempted right now; try again.',
          async () => {
            const existing = await this.activeFor(exemption);
            if (existing) {
              return attempt.refuse(
                'conflict',
                new ConflictError(
                  `This item already has an active exemption (${existing.id}, until ${existing.expiresAt}).`,
                ),
              );
            }
            await attempt.begin();
            if (exemption.kind === 'finding') {
              const suppressed = await this.suppress(exemption);
              if (suppressed instanceof Error) {
                const message = `Security Hub refused the suppression, nothing was exempted: ${describeAwsError(
                  suppressed,
                  this.options.endpoint,
                )}`;
                await attempt.end('failed', { message, error: suppressed });
                throw new ConflictError(message);
              }
              exemption.previousWorkflowStatus = suppressed.previous;
              try {
                await this.options.store.add(exemption);
              } catch (err) {
                // Not recorded: put the finding back rather than leave it hidden.
                await this.options.workflow
                  .setStatus(suppressed.finding, suppressed.previous, {
                    text: `Exemption ${exemption.id} could not be stored; suppression undone.`,
                    updatedBy: actor,
                  })
                  .catch(() => undefined);
                throw err;
              }
            } else {
              await this.options.store.add(exemption);
            }
            await this.changed();
            await attempt.end('succeeded', {
              message: `Exempted until ${exemption.expiresAt} (exemption ${exemption.id}).`,
              meta: {
                exemptionId: exemption.id,
                expiresAt: exemption.expiresAt,
              },
            });
            return withStatus(exemption, this.nowMs());
          },
        );
      },
    );
  }

  async revoke(
    req: Request | undefined,
    actor: string,
    id: string,
  ): Promise<Exemption> {
    const found = await this.options.store.get(id);
    const subject = {
      checkId: found?.checkId ?? FINDING_EXEMPTION_CHECK_ID,
      resourceId: found?.findingId ?? found?.resourceId ?? 'unknown',
      actor,
    };
    return this.attempts.run(
      req,
      { eventId: 'exemption-revoke', subject, meta: { exemptionId: id } },
      async attempt => {
        if (!found) {
          return attempt.refuse(
            'rejected',
            new NotFoundError(`There is no exemption ${id}.`),
          );
        }
        const status = withStatus(found, this.nowMs()).status;
        if (status !== 'active') {
          return attempt.refuse(
            'conflict',
            new ConflictError(
              status === 'revoked'
                ? `Exemption ${id} was already revoked by ${found.revokedBy} at ${found.revokedAt}.`
                : `Exemption ${id} already expired at ${found.expiresAt}.`,
            ),
          );
        }
        await attempt.begin();
        const at = new Date(this.nowMs()).toISOString();
        // The database first: it decides which of two revocations wins. A finding
        // not put back here is put back by the expiry task (see restorePending).
        if (!(await this.options.store.revoke(id, actor, at))) {
          return attempt.refuse(
            'conflict',
            new ConflictError(`Exemption ${id} was revoked meanwhile.`),
          );
        }
        await this.changed();
        let message = `Exemption ${id} revoked.`;
        if (found.kind === 'finding') {
          const restored = await this.restore(found, 'revoked', actor);
          message += ` ${restored.message}`;
        }
        const revoked = await this.options.store.get(id);
        await attempt.end('succeeded', { message, meta: { exemptionId: id } });
        return withStatus(revoked ?? found, this.nowMs());
      },
    );
  }

  /**
   * Puts back the workflow status of every finding whose exemption expired or was
   * revoked without its finding being restored (run by the scheduler). Each restore
   * is one recorded attempt; a failure is retried at the next run.
   */
  async restorePending(): Promise<number> {
    const pending = await this.options.store.pendingRestore(
      new Date(this.nowMs()).toISOString(),
    );
    let restored = 0;
    for (const exemption of pending) {
      const why = exemption.revokedAt ? 'revoked' : 'expired';
      const ok = await this.attempts.run(
        undefined,
        {
          eventId: 'exemption-expire',
          subject: {
            checkId: exemption.checkId ?? FINDING_EXEMPTION_CHECK_ID,
            resourceId: exemption.findingId ?? exemption.resourceId,
            actor: EXPIRY_ACTOR,
          },
          meta: { exemptionId: exemption.id },
        },
        async attempt => {
          await attempt.begin();
          const result = await this.restore(exemption, why, EXPIRY_ACTOR);
          await attempt.end(result.ok ? 'succeeded' : 'failed', {
            message: result.message,
            meta: { exemptionId: exemption.id },
          });
          return result.ok;
        },
      );
      if (ok) restored++;
    }
    if (restored > 0) await this.changed();
    return restored;
  }

  /** The target as it exists now: 400 for a kind mismatch, 404 for an unknown item. */
  private async resolveTarget(input: CreateExemptionRequest): Promise<{
    checkId?: string;
    resourceId: string;
    findingId?: string;
  }> {
    if (input.kind === 'check') {
      const report = await this.options.posture.getReport();
      const check = report.checks.find(c => c.id === input.checkId);
      if (!check) {
        throw new NotFoundError(`There is no check ${input.checkId}.`);
      }
      const resource = check.resources.find(
        r => r.resourceId === input.resourceId,
      );
      if (!resource) {
        throw new NotFoundError(
          `Check ${input.checkId} did not look at ${input.resourceId}.`,
        );
      }
      if (resource.status === 'PASS') {
        throw new InputError(
          `Check ${input.checkId} passes on ${input.resourceId}: there is no risk to accept.`,
        );
      }
      return { checkId: check.id, resourceId: resource.resourceId };
    }
    const { list } = await this.options.posture.getOpenFindings();
    const finding = list.find(f => f.id === input.findingId);
    if (!finding) {
      throw new NotFoundError(
        `There is no open finding with id ${input.findingId}.`,
      );
    }
    return {
      resourceId: finding.resourceId,
      findingId: finding.id,
    };
  }

  private async activeFor(
    e: StoredExemption,
  ): Promise<StoredExemption | undefined> {
    const all = await this.options.store.list();
    const now = this.nowMs();
    return e.kind === 'finding'
      ? activeFindingExemption(all, e.findingId!, now)
      : activeCheckExemption(all, e.checkId!, e.resourceId, now);
  }

  /** Suppresses the finding with a note; its previous status, or the error that stopped it. */
  private async suppress(e: StoredExemption): Promise<
    | Error
    | {
        finding: FindingWorkflow;
        previous: RestorableWorkflowStatus;
      }
  > {
    try {
      const finding = await this.options.workflow.find(e.findingId!);
      if (!finding) {
        return new NotFoundError(
          `Finding ${e.findingId} is no longer in Security Hub.`,
        );
      }
      const previous: RestorableWorkflowStatus =
        finding.workflowStatus === 'NOTIFIED' ? 'NOTIFIED' : 'NEW';
      await this.options.workflow.setStatus(finding, 'SUPPRESSED', {
        text: suppressionNote(e),
        updatedBy: e.createdBy,
      });
      return { finding, previous };
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  /**
   * Puts the finding's workflow status back to what it was, unless someone changed it
   * from SUPPRESSED meanwhile (then theirs stands), and marks the exemption restored.
   */
  private async restore(
    e: StoredExemption,
    why: 'revoked' | 'expired',
    by: string,
  ): Promise<{ ok: boolean; message: string }> {
    const previous = e.previousWorkflowStatus ?? 'NEW';
    let message: string;
    try {
      const finding = await this.options.workflow.find(e.findingId!);
      if (!finding) {
        message =
          'The finding is no longer in Security Hub; nothing to restore.';
      } else if (finding.workflowStatus !== 'SUPPRESSED') {
        message = `The finding's workflow status is ${finding.workflowStatus} (changed in Security Hub), left as is.`;
      } else {
        await this.options.workflow.setStatus(finding, previous, {
          text: restoreNote(e, why, by),
          updatedBy: by,
        });
        message = `The finding's workflow status is ${previous} again.`;
      }
    } catch (err) {
      return {
        ok: false,
        message: `The finding's workflow status could not be restored yet (retried by the expiry task): ${describeAwsError(
          err,
          this.options.endpoint,
        )}`,
      };
    }
    await this.options.store.markRestored(
      e.id,
      new Date(this.nowMs()).toISOString(),
    );
    return { ok: true, message };
  }

  private async changed(): Promise<void> {
    try {
      await this.options.onChanged?.();
    } catch {
      // Other replicas then see the change when their cache expires.
    }
  }
}
