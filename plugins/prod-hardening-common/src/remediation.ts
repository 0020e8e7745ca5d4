import type { FixCost } from './fixCost';
import type { CheckResult } from './posture';

/** Why a plan needs approval, as shown in the preview (empty: it does not). */
export interface ApprovalRequirement {
  required: boolean;
  /** One sentence per rule that applies, e.g. "blockers overridden: ...". */
  reasons: string[];
}

/** One AWS API call a remediation will make, exactly as it will be sent. */
export interface PlannedCall {
  service: string;
  action: string;
  params: Record<string, unknown>;
}

/** What `preview` returns: everything `execute` will do, bound to the state it read. */
export interface RemediationPlan {
  /** Present only when the plan can be executed. */
  planId?: string;
  checkId: string;
  resourceId: string;
  title: string;
  calls: PlannedCall[];
  current: Record<string, unknown>;
  expected: Record<string, unknown>;
  risk: string;
  reversible: boolean;
  reversal: string;
  costNote: string;
  /**
   * The monthly cost the change adds, from the AWS Price List (absent on plans stored
   * before fix costs were estimated).
   */
  fixCost?: FixCost;
  /** Reasons execution is refused unless the user overrides them (e.g. a public website bucket). */
  blockers: string[];
  /** True when the preview was requested with override and blockers were overridden. */
  overridden: boolean;
  createdAt: string;
  expiresAt?: string;
  /** Four eyes: when required, the plan is executed only once approved. */
  approval?: ApprovalRequirement;
}

/**
 * How an attempt ended. `in-progress` is written before the first AWS call and
 * replaced when the attempt ends, so a row left in progress marks a crashed attempt.
 */
export type RemediationOutcome =
  | 'in-progress'
  | 'succeeded'
  /** AWS refused a read or the change. */
  | 'failed'
  /** The change was applied but the re-run check did not confirm it. */
  | 'unverified'
  /** Refused: not signed in, a service token, or no permission. */
  | 'denied'
  /** Another attempt holds the resource, or the plan was already used or expired. */
  | 'conflict'
  /** The resource changed since the preview. */
  | 'stale'
  /** The permission service or the remediation store could not answer. */
  | 'unavailable'
  /** Not a valid request (unknown plan, another user's plan, missing queue). */
  | 'rejected'
  /**
   * AWS did not answer within the deadline: the state is unknown. When AWS answers,
   * a new row (`settles` = this row's id) records how it ended.
   */
  | 'timed-out';

/** Every outcome, in the order above (for schemas and exhaustive checks). */
export const REMEDIATION_OUTCOMES: readonly RemediationOutcome[] = [
  'in-progress',
  'succeeded',
  'failed',
  'unverified',
  'denied',
  'conflict',
  'stale',
  'unavailable',
  'rejected',
  'timed-out',
];

export interface RemediationResult {
  outcome: RemediationOutcome;
  message: string;
  /** The check re-run after the calls, with its evidence. */
  check?: CheckResult;
  historyId: string;
}

/** One row of the remediation history: every attempt, whatever its outcome. */
export interface RemediationHistoryEntry {
  id: string;
  checkId: string;
  resourceId: string;
  planId?: string;
  actor: string;
  outcome: RemediationOutcome;
  message: string;
  calls: PlannedCall[];
  startedAt: string;
  durationMs: number;
  /** Status of the check after the attempt, when it was re-run. */
  verifiedStatus?: CheckResult['status'];
  /** Why the user made the change, as they wrote it. */
  reason?: string;
  /** The preview's blockers the user chose to override. */
  overriddenBlockers?: string[];
  /**
   * Set on the row that settles a timed-out attempt: that attempt's row id. The
   * timed-out row itself is never changed (history is append-only once completed).
   */
  settles?: string;
}

/** A broken link of the remediation history's hash chain. */
export interface HistoryChainBreak {
  /** The position in the chain where the problem shows (absent for an unsealed row). */
  seq?: number;
  /** The history row's id. */
  id: string;
  /** What is wrong, in a sentence. */
  problem: string;
}

/**
 * GET /remediations/history/verify (permission prod-hardening.history.verify) and
 * `npm run history:verify`: every completed history row is sealed into a hash chain;
 * the first broken link, if any.
 */
export interface HistoryVerification {
  ok: boolean;
  /** Sealed rows checked, in chain order, up to the first break. */
  checkedRows: number;
  /** The last sealed row: compare with the `historySeq` / `historyHash` of the latest audit event. */
  head?: { seq: number; hash: string };
  firstBreak?: HistoryChainBreak;
  /** Attempts still in progress: not sealed yet, so not in the chain. */
  inProgress: number;
  verifiedAt: string;
}
