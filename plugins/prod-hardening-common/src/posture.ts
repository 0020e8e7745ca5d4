import type {
  ResourceEvidence,
  CheckStatus,
  Severity,
  CheckResult,
  PostureReport,
  Finding,
  FindingsPage,
  FindingDetail,
  PostureTrendPoint,
  PostureScore,
  SeverityCounts,
} from './schema/openapi';

/** The three pillars of the hardening plan a posture check belongs to. */
export type Pillar = CheckResult['pillar'];

export type { Severity };

/**
 * PASS / FAIL as usual; WARN for a weakness that is not a failure of the control;
 * ERROR when the check could not be evaluated (access denied, API unavailable), with
 * the reason.
 */
export type { CheckStatus };

export type RemediationKind = CheckResult['remediation']['kind'];

/** One resource a check looked at, and what it saw. */
export type { ResourceEvidence };

export type { CheckResult };

/**
 * The two scores: Security Hub's method (passed ÷ evaluated checks, ERROR excluded,
 * unweighted, 0–100) and passed weight ÷ evaluated weight (CRITICAL 10, HIGH 5,
 * MEDIUM 2, LOW 1, INFO 0); null when nothing was evaluated.
 */
export type { PostureScore };

/** The score with active exemptions left out, and how many checks they left out. */
export type PostureScoreWithExemptions = NonNullable<
  PostureReport['scoreWithExemptions']
>;

/** How many findings of each severity. */
export type { SeverityCounts };

export type { PostureReport };

/** A Security Hub / GuardDuty finding in the portal's own shape. */
export type { Finding };

/**
 * One page of findings; `bySeverity` counts the filtered set before paging,
 * `unavailableReason` says why the findings source could not be read.
 */
export type { FindingsPage };

/** One day of the posture trend; the `WithExemptions` scores are null on days before exemptions were recorded. */
export type { PostureTrendPoint };

/** One finding with the posture check it maps to, when there is one (GET /findings/{id}). */
export type { FindingDetail };
