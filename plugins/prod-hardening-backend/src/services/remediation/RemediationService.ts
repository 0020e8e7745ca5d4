import { randomUUID } from 'node:crypto';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import type {
  ApprovalRequirement,
  CheckResult,
  HistoryVerification,
  PlannedCall,
  RemediationHistoryEntry,
  RemediationPlan,
  RemediationResult,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import { noCharge } from '../../domain/fixCost/fixCost';
import {
  parseRemediationActions,
  RemediationAction,
} from '../../domain/remediation/actions';
import {
  AccountScope,
  affectedResourceArns,
} from '../../domain/remediation/affectedResources';
import { hashState } from '../../domain/remediation/stateHash';
import type { RemediationActionRunner } from '../../sources/remediation/actionExecutor';
import type { PostureCheckEngine } from '../posture/PostureCheckEngine';
import type { RemediationDefinition } from './definitions';
import {
  AttemptDeadline,
  AuditedAction,
  AuditedRefusal,
  ChangeAttempt,
  ChangeAttempts,
  DEFAULT_DEADLINE_MS,
} from '../guard';
import { fixCostWithin } from './estimateFixCost';
import type { HistoryVerifier } from './HistoryVerifier';
import type { RemediationStore, StoredPlan } from './RemediationStore';

/** A plan is valid this long after preview: long enough to read it, short enough to stay true. */
export const PLAN_TTL_MS = 5 * 60_000;
/** The preview waits this long for the fix's cost, then shows it as unknown. */
export const FIX_COST_WAIT_MS = 3_000;

/** An attempt that reached AWS's write calls, as the owners are told of it. */
export interface ExecutedAttempt {
  historyId: string;
  checkId: string;
  resourceId: string;
  actor: string;
  outcome: string;
}

export interface RemediationServiceOptions {
  definitions: RemediationDefinition<any>[];
  /**
   * Runs a stored plan's actions, exactly as previewed, with the remediation role
   * acting for the executing user (CloudTrail's SourceIdentity and session tags).
   */
  executor: RemediationActionRunner;
  store: RemediationStore;
  /** Checks the history's hash chain (GET /remediations/history/verify). */
  verifier: HistoryVerifier;
  engine: PostureCheckEngine;
  auditor: AuditorService;
  /** The account the plans change: how their resources are named as ARNs. */
  account: AccountScope;
  endpoint?: string;
  /**
   * Called after the account changed, e.g. to drop cached posture on every replica;
   * awaited before the answer, so a replica asked afterwards knows. Its failure does
   * not change the attempt's outcome.
   */
  onChanged?: () => void | Promise<void>;
  /** After an attempt that reached AWS's write calls ended: tells the owners. */
  onExecuted?: (attempt: ExecutedAttempt) => void | Promise<void>;
  /** The 409 for a check+resource under an active exemption (accepted risk), if any. */
  exemptionConflict?: (
    checkId: string,
    resourceId: string,
  ) => Promise<ConflictError | undefined>;
  /** Four eyes: which plans need approval, and whether this one may run now. */
  approvals?: ApprovalGate;
  nowMs?: () => number;
  /** The preview waits this long for the fix's cost (default FIX_COST_WAIT_MS). */
  fixCostWaitMs?: number;
  /** Execute answers within this many ms whatever AWS does (default 60 s). */
  deadlineMs?: number;
}

/** What the remediation service asks the approvals (see ApprovalService). */
export interface ApprovalGate {
  requirement(
    plan: Pick<RemediationPlan, 'checkId' | 'overridden' | 'blockers'>,
  ): ApprovalRequirement;
  /**
   * For a plan that needs approval: the 409 when `actor` may not execute it now, or
   * the approved request it runs under (the approval's expiry then replaces the plan's).
   */
  executionGate(
    plan: RemediationPlan,
    planId: string,
    actor: string,
  ): Promise<{ problem?: ConflictError; approvalId?: string }>;
  executed(approvalId: string, actor: string, historyId: string): Promise<void>;
}

/**
 * The two-step protocol: `preview` reads the state and returns the exact plan, bound
 * to the user and a hash of that state; `execute` runs it at most once: re-reads,
 * refuses a changed state (409), runs the calls and re-runs the check. Every attempt
 * is audited and recorded (see ChangeAttempts).
 */
export class RemediationService {
  private readonly nowMs: () => number;
  private readonly attempts: ChangeAttempts;

  constructor(private readonly options: RemediationServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.attempts = new ChangeAttempts({
      store: options.store,
      auditor: options.auditor,
      nowMs: this.nowMs,
    });
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
    const exempted = await this.options.exemptionConflict?.(
      checkId,
      definition.resourceId,
    );
    if (exempted) throw exempted;
    const state = await definition.readState();
    const body = definition.plan(state);
    const fixCost =
      body.calls.length === 0
        ? noCharge('the plan changes nothing.')
        : await fixCostWithin(
            definition.estimateCost(state),
            this.options.fixCostWaitMs ?? FIX_COST_WAIT_MS,
          );
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
      fixCost,
      blockers: body.blockers,
      overridden: override && body.blockers.length > 0,
      createdAt: new Date(createdAt).toISOString(),
    };
    if (!executable) return plan;
    plan.approval = this.options.approvals?.requirement(plan);
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
   * The ARNs a stored plan's actions change, which ownership is checked on before it
   * runs. None for an unknown plan or one whose actions cannot be read: execute then
   * refuses it (404 / 400) and records why.
   */
  async affectedResources(planId: string): Promise<string[]> {
    const stored = await this.options.store.getPlan(planId);
    if (!stored) return [];
    const parsed = parseRemediationActions(stored.plan.calls);
    return parsed.ok
      ? affectedResourceArns(parsed.actions, this.options.account)
      : [];
  }

  /**
   * An execution refused before it started (not signed in, a service token, no
   * permission, the permission service down), recorded with the plan's check and
   * resource where the plan can be read.
   */
  async refused(
    actor: string,
    planId: string,
    reason: string | undefined,
  ): Promise<AuditedRefusal> {
    // Best effort: the refusal is recorded even when the plan cannot be read.
    const stored = await this.options.store
      .getPlan(planId)
      .catch(() => undefined);
    return this.attempts.refusal({
      eventId: EXECUTE_EVENT,
      subject: { ...subjectOf(stored?.plan), planId, actor, reason },
    });
  }

  /**
   * Runs a previewed plan once. Checked before any AWS call: the plan exists, is the
   * caller's, has not expired and was never used (claimed by a conditional update,
   * under the check+resource lock). Then the state is re-read and must hash as at the
   * preview; the calls run and the check is re-run. Every outcome is recorded.
   */
  execute(
    actor: string,
    planId: string,
    reason?: string,
  ): AuditedAction<RemediationResult> {
    const { store } = this.options;
    const subject = { ...subjectOf(undefined), planId, actor, reason };
    return this.attempts.action(
      { eventId: EXECUTE_EVENT, subject, deadline: this.deadline() },
      async attempt => {
        const stored = await store.getPlan(planId);
        if (!stored) {
          return attempt.refuse(
            'not-found',
            `No remediation plan ${planId}: preview the remediation first.`,
          );
        }
        const { plan } = stored;
        attempt.describe(subjectOf(plan));
        const gate = (await this.options.approvals?.executionGate(
          plan,
          planId,
          actor,
        )) ?? { approvalId: undefined };
        if (gate.problem) {
          return attempt.refuse('conflict', gate.problem.message);
        }
        // An approved plan may be run by its approver, until the approval expires.
        const approved = gate.approvalId !== undefined;
        if (!approved && stored.userRef !== actor) {
          return attempt.refuse(
            'not-yours',
            'This plan was previewed by another user: preview it yourself before executing.',
          );
        }
        if (!approved && stored.expiresAtMs < this.nowMs()) {
          return attempt.refuse(
            'conflict',
            'This plan has expired: preview the remediation again.',
          );
        }
        if (stored.claimedBy) {
          return attempt.refuse('conflict', await this.alreadyUsed(stored));
        }
        // What runs is the stored preview itself, read back with the action schemas.
        const actions = readStoredActions(plan);
        if (typeof actions === 'string') {
          return attempt.refuse('invalid', actions);
        }
        const definition = this.definition(plan.checkId);
        const exempted = await this.options.exemptionConflict?.(
          plan.checkId,
          plan.resourceId,
        );
        if (exempted) return attempt.refuse('conflict', exempted.message);

        return attempt.withLock(
          'A remediation of this check and resource is already running.',
          async () => {
            // The claim, not the resource's state, is what stops a replay.
            if (!(await store.claimPlan(planId, attempt.id, this.nowMs()))) {
              const again = await store.getPlan(planId);
              return attempt.refuse(
                'conflict',
                await this.alreadyUsed(again ?? stored),
              );
            }
            await attempt.begin();
            if (gate.approvalId) {
              await this.options.approvals
                ?.executed(gate.approvalId, actor, attempt.id)
                // The claim already stops a second run; the request's state follows.
                .catch(() => undefined);
            }

            let state: unknown;
            try {
              state = await definition.readState();
            } catch (err) {
              return this.awsFailed(
                attempt,
                'Could not read the current state from AWS, nothing was changed',
                err,
                [],
              );
            }
            if (hashState(state) !== stored.stateHash) {
              return attempt.refuse(
                'stale',
                'The resource changed since the preview: preview the remediation again to see the current plan.',
              );
            }
            attempt.assertInTime();
            try {
              await this.options.executor.run(
                { userRef: actor, planId },
                actions,
              );
            } catch (err) {
              // Calls before the refused one may have been applied.
              await this.changed();
              const failed = await this.awsFailed(
                attempt,
                'AWS refused the change',
                err,
                actions,
              );
              this.executed({ ...plan, actor, ...failed });
              return failed;
            }
            await this.changed();

            let check: CheckResult | undefined;
            let verifyError: string | undefined;
            try {
              check = await this.verify(plan.checkId);
            } catch (err) {
              verifyError = describeAwsError(err, this.options.endpoint);
            }
            const { outcome, message } = verdict(check, verifyError);
            const historyId = await attempt.end(outcome, {
              message,
              calls: actions,
              verified: check,
              meta: { verifiedStatus: check?.status ?? null },
            });
            this.executed({ ...plan, actor, outcome, historyId });
            return { outcome, message, check, historyId };
          },
        );
      },
    );
  }

  /** Past the deadline, execute answers "timed out" (202) and the history settles it later. */
  private deadline(): AttemptDeadline<RemediationResult> {
    return {
      ms: this.options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      answer: ({ historyId, message }) => ({
        outcome: 'timed-out',
        message,
        historyId,
      }),
    };
  }

  history(
    checkId: string | undefined,
    limit: number,
  ): Promise<RemediationHistoryEntry[]> {
    return this.options.store.listHistory({ checkId, limit });
  }

  verifyHistory(): Promise<HistoryVerification> {
    return this.options.verifier.verify();
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

  private async changed(): Promise<void> {
    try {
      await this.options.onChanged?.();
    } catch {
      // Other replicas then see the change when their cache expires.
    }
  }

  /**
   * Tells `onExecuted` in the background: the owners' notice (a catalog read and a
   * send) neither holds the lock nor delays the answer, and its failure never changes
   * what the attempt did.
   */
  private executed(attempt: ExecutedAttempt): void {
    const { historyId, checkId, resourceId, actor, outcome } = attempt;
    Promise.resolve()
      .then(() =>
        this.options.onExecuted?.({
          historyId,
          checkId,
          resourceId,
          actor,
          outcome,
        }),
      )
      .catch(() => {});
  }

  private async verify(checkId: string): Promise<CheckResult | undefined> {
    const report = await this.options.engine.evaluate([checkId]);
    return report.checks[0];
  }

  /** Why a plan already used cannot run again, with what the first attempt did. */
  private async alreadyUsed(stored: StoredPlan): Promise<string> {
    const first = stored.claimedBy
      ? await this.options.store.getHistory(stored.claimedBy)
      : undefined;
    return `This plan was already used${describeFirstAttempt(
      first,
    )}; preview the remediation again.`;
  }

  private async awsFailed(
    attempt: ChangeAttempt,
    what: string,
    err: unknown,
    calls: PlannedCall[],
  ): Promise<RemediationResult> {
    const message = `${what}: ${describeAwsError(err, this.options.endpoint)}`;
    const historyId = await attempt.end('failed', { message, calls });
    return { outcome: 'failed', message, historyId };
  }
}

const EXECUTE_EVENT = 'remediation-execute';

/** The stored plan's actions, or why they cannot run (a 400). */
function readStoredActions(
  plan: RemediationPlan,
): RemediationAction[] | string {
  const parsed = parseRemediationActions(plan.calls);
  if (parsed.ok) return parsed.actions;
  return `The stored plan holds an action that cannot run (${parsed.problem}); nothing was changed: preview the remediation again.`;
}

/** The check, resource and overridden blockers of a plan, for its history rows. */
function subjectOf(plan: RemediationPlan | undefined) {
  return {
    checkId: plan?.checkId ?? 'unknown',
    resourceId: plan?.resourceId ?? 'unknown',
    overriddenBlockers: plan?.overridden ? plan.blockers : undefined,
  };
}

/**
 * The outcome of an applied change from the re-run check: PASS or WARN (a weakness
 * the change cannot fix, e.g. CloudTrail log delivery) is a success; FAIL, ERROR or
 * no check at all means the change could not be confirmed.
 */
export function verdict(
  check: CheckResult | undefined,
  verifyError?: string,
): { outcome: 'succeeded' | 'unverified'; message: string } {
  if (verifyError || !check) {
    return {
      outcome: 'unverified',
      message: `Applied, but the check could not be re-run: ${
        verifyError ?? 'no result'
      }`,
    };
  }
  if (check.status === 'PASS') {
    return {
      outcome: 'succeeded',
      message: 'Applied and verified: the check passes.',
    };
  }
  return {
    outcome: check.status === 'WARN' ? 'succeeded' : 'unverified',
    message: `Applied, but the check is ${check.status}: ${check.summary}`,
  };
}

function describeFirstAttempt(first: RemediationHistoryEntry | undefined) {
  if (!first) return '';
  if (first.outcome === 'in-progress')
    return ` by an attempt started at ${first.startedAt}, still in progress`;
  return ` at ${first.startedAt} (${first.outcome}: ${first.message})`;
}
