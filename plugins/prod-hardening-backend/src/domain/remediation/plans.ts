import type { RemediationAction } from './actions';

/** What a planner decides from the state it read: pure data, no I/O. */
export interface PlanBody {
  title: string;
  /** The AWS writes, in order: what the preview shows, what is stored, what execute runs. */
  calls: RemediationAction[];
  current: Record<string, unknown>;
  expected: Record<string, unknown>;
  risk: string;
  reversible: boolean;
  reversal: string;
  costNote: string;
  blockers: string[];
  /** True when the state already matches the expected state: executing changes nothing. */
  alreadyCompliant: boolean;
}
