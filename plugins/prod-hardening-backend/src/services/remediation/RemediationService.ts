import { randomUUID } from 'node:crypto';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  CheckResult,
  PlannedCall,
  RemediationHistoryEntry,
  RemediationOutcome,
  RemediationPlan,
  RemediationResult,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import { describeAwsError } from '../../aws';
import { hashState } from '../../domain/remediation/stateHash';
import type { PostureCheckEngine } from '../posture/PostureCheckEngine';
import type { RemediationDefinition } from './definitions';
import type { RemediationStore } from './RemediationStore';

/** A plan is valid this long after preview: long enough to read it, short enough to stay true. */
export const PLAN_TTL_MS = 5 * 60_000;

export interface RemediationServiceOptions {
  definitions: RemediationDefinition<any>[];
  store: RemediationStore;
  engine: PostureCheckEngine;
  auditor: AuditorService;
  endpoint?: string;
  /** Called after the account changed, e.g. to drop cached posture. */
  onChanged?: () => void;
  nowMs?: () => number;
}

/**
 * The two-step protocol: `preview` reads the state and returns the exact plan, bound
 * to the user and a hash of that state; `execute` re-reads, refuses a changed state
 * (409), runs the calls and re-runs the check. Every attempt is audited and recorded.
 */
export class RemediationService {
  private readonly nowMs: () => number;

  constructor(private readonly options: RemediationServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Check ids that have an automated remediation. */
  automatedCheckIds(): string[] {
    return this.options.definitions.map(d => d.checkId);
  }

  async preview(
    userRef: string,
    checkId: string,
    override: boolean,
  ): Promise<RemediationPlan> {
    const definition = this.definition(checkId);
    const state = await definition.readState();
    const body = definition.plan(state);
    const createdAt = this.nowMs();
    const executable =
      !body.alreadyCompliant && (body.blockers.length === 0 || override);
    const plan: RemediationPlan = {
      checkId,
      resourceId: definition.resourceId,
      title: body.title,
      calls: body.calls,
      current: body.current,
      expected: body.expected,
      risk: body.risk,
      reversible: body.reversible,
      reversal: body.reversal,
      costNote: body.costNote,
      blockers: body.blockers,
      overridden: override && body.blockers.length > 0,
      createdAt: new Date(createdAt).toISOString(),
    };
    if (!executable) return plan;
    plan.planId = randomUUID();
    plan.expiresAt = new Date(createdAt + PLAN_TTL_MS).toISOString();
    await this.options.store.savePlan({
      plan,
      userRef,
      stateHash: hashState(state),
      expiresAtMs: createdAt + PLAN_TTL_MS,
    });
    return plan;
  }

  /**
   * Records an attempt that never reached AWS (denied by the permission policy).
   * The router calls it before throwing the 403.
   */
  async recordDenied(
    req: Request,
    actor: string,
    planId: string,
    reason: string,
  ): Promise<void> {
    const stored = await this.options.store
      .getPlan(planId)
      .catch(() => undefined);
    const event = await this.options.auditor.createEvent({
      eventId: 'remediation-execute',
      severityLevel: 'high',
      request: req,
      meta: {
        planId,
        checkId: stored?.plan.checkId ?? null,
        outcome: 'denied',
      },
    });
    await this.record({
      checkId: stored?.plan.checkId ?? 'unknown',
      resourceId: stored?.plan.resourceId ?? 'unknown',
      planId,
      actor,
      outcome: 'denied',
      message: reason,
      calls: [],
      started: this.nowMs(),
    });
    await event.fail({ error: new Error(reason) });
  }

  async execute(
    req: Request,
    actor: string,
    planId: string,
  ): Promise<RemediationResult> {
    const started = this.nowMs();
    const stored = await this.options.store.getPlan(planId);
    const event = await this.options.auditor.createEvent({
      eventId: 'remediation-execute',
      severityLevel: 'high',
      request: req,
      meta: { planId, checkId: stored?.plan.checkId ?? null },
    });
    const fail = async (
      outcome: RemediationOutcome,
      error: Error,
      calls: PlannedCall[] = [],
    ) => {
      const historyId = await this.record({
        checkId: stored?.plan.checkId ?? 'unknown',
        resourceId: stored?.plan.resourceId ?? 'unknown',
        planId,
        actor,
        outcome,
        message: error.message,
        calls,
        started,
      });
      await event.fail({ error, meta: { outcome, historyId } });
      return historyId;
    };

    if (!stored) {
      const error = new NotFoundError(
        `No remediation plan ${planId}: preview the remediation first.`,
      );
      await fail('rejected', error);
      throw error;
    }
    const { plan } = stored;
    if (stored.userRef !== actor) {
      const error = new ConflictError(
        'This plan was previewed by another user: preview it yourself before executing.',
      );
      await fail('rejected', error);
      throw error;
    }
    if (stored.expiresAtMs < started) {
      const error = new ConflictError(
        'This plan has expired: preview the remediation again.',
      );
      await fail('conflict', error);
      throw error;
    }

    const definition = this.definition(plan.checkId);
    if (
      !(await this.options.store.tryLock(
        plan.checkId,
        plan.resourceId,
        planId,
        started,
      ))
    ) {
      const error = new ConflictError(
        'A remediation of this check and resource is already running.',
      );
      await fail('conflict', error);
      throw error;
    }
    try {
      const state = await definition.readState();
      const body = definition.plan(state);
      if (stored.executedAtMs !== undefined && body.alreadyCompliant) {
        // Executing the same plan twice is safe: nothing to change the second time.
        const check = await this.verify(plan.checkId);
        const historyId = await this.record({
          ...base(plan, actor, planId, started),
          outcome: 'succeeded',
          message: 'Already applied; nothing changed.',
          calls: [],
          verified: check,
        });
        await event.success({
          meta: { outcome: 'succeeded', historyId, changed: false },
        });
        return {
          outcome: 'succeeded',
          message: 'Already applied; nothing changed.',
          check,
          historyId,
        };
      }
      if (hashState(state) !== stored.stateHash) {
        const error = new ConflictError(
          'The resource changed since the preview: preview the remediation again to see the current plan.',
        );
        await fail('conflict', error);
        throw error;
      }
      try {
        await definition.execute(state);
      } catch (err) {
        const message = `AWS refused the change: ${describeAwsError(
          err,
          this.options.endpoint,
        )}`;
        const historyId = await fail('failed', new Error(message), plan.calls);
        return { outcome: 'failed', message, historyId };
      }
      await this.options.store.markExecuted(planId, this.nowMs());
      this.options.onChanged?.();
      const check = await this.verify(plan.checkId);
      const message =
        check?.status === 'PASS'
          ? 'Applied and verified: the check passes.'
          : `Applied, but the check is ${check?.status ?? 'unknown'}: ${
              check?.summary ?? ''
            }`;
      const historyId = await this.record({
        ...base(plan, actor, planId, started),
        outcome: 'succeeded',
        message,
        calls: plan.calls,
        verified: check,
      });
      await event.success({
        meta: {
          outcome: 'succeeded',
          historyId,
          verifiedStatus: check?.status ?? null,
        },
      });
      return { outcome: 'succeeded', message, check, historyId };
    } finally {
      await this.options.store.unlock(plan.checkId, plan.resourceId);
    }
  }

  history(
    checkId: string | undefined,
    limit: number,
  ): Promise<RemediationHistoryEntry[]> {
    return this.options.store.listHistory({ checkId, limit });
  }

  private definition(checkId: string): RemediationDefinition<any> {
    const definition = this.options.definitions.find(
      d => d.checkId === checkId,
    );
    if (!definition) {
      throw new InputError(`Check ${checkId} has no automated remediation.`);
    }
    return definition;
  }

  private async verify(checkId: string): Promise<CheckResult | undefined> {
    const report = await this.options.engine.evaluate([checkId]);
    return report.checks[0];
  }

  private async record(entry: {
    checkId: string;
    resourceId: string;
    planId?: string;
    actor: string;
    outcome: RemediationOutcome;
    message: string;
    calls: PlannedCall[];
    started: number;
    verified?: CheckResult;
  }): Promise<string> {
    const id = randomUUID();
    await this.options.store.addHistory({
      id,
      checkId: entry.checkId,
      resourceId: entry.resourceId,
      planId: entry.planId,
      actor: entry.actor,
      outcome: entry.outcome,
      message: entry.message,
      calls: entry.calls,
      startedAt: new Date(entry.started).toISOString(),
      durationMs: Math.max(0, this.nowMs() - entry.started),
      verifiedStatus: entry.verified?.status,
    });
    return id;
  }
}

function base(
  plan: RemediationPlan,
  actor: string,
  planId: string,
  started: number,
) {
  return {
    checkId: plan.checkId,
    resourceId: plan.resourceId,
    planId,
    actor,
    started,
  };
}
