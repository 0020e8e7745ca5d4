import type { CheckResult } from './posture';

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
  /** Reasons execution is refused unless the user overrides them (e.g. a public website bucket). */
  blockers: string[];
  /** True when the preview was requested with override and blockers were overridden. */
  overridden: boolean;
  createdAt: string;
  expiresAt?: string;
}

export type RemediationOutcome =
  | 'succeeded'
  | 'failed'
  | 'denied'
  | 'conflict'
  | 'rejected';

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
}
