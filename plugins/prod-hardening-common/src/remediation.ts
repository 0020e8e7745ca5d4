import type {
  PlannedCall,
  RemediationPlan,
  RemediationOutcome,
  RemediationHistoryEntry,
  HistoryVerification,
  RemediationResult,
} from './schema/openapi';

/** Why a plan needs approval, as shown in the preview (empty: it does not). */
export type ApprovalRequirement = NonNullable<RemediationPlan['approval']>;

/** One AWS API call a remediation will make, exactly as it will be sent. */
export type { PlannedCall };

/** What `preview` returns: everything `execute` will do, bound to the state it read. */
export type { RemediationPlan };

/**
 * How an attempt ended. `in-progress` is written before the first AWS call and
 * replaced when the attempt ends, so a row left in progress marks a crashed attempt.
 */
export type { RemediationOutcome };

/** What `execute` returns; `check` is the check re-run after the calls, with its evidence. */
export type { RemediationResult };

/** One row of the remediation history: every attempt, whatever its outcome. */
export type { RemediationHistoryEntry };

/** A broken link of the remediation history's hash chain. */
export type HistoryChainBreak = NonNullable<HistoryVerification['firstBreak']>;

/**
 * GET /remediations/history/verify (permission prod-hardening.history.verify) and
 * `npm run history:verify`: every completed history row is sealed into a hash chain;
 * the first broken link, if any.
 */
export type { HistoryVerification };
