/** The three pillars of the hardening plan a posture check belongs to. */
export type Pillar = 'security' | 'observability' | 'finops-hygiene';

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

/**
 * PASS / FAIL as usual; WARN for a weakness that is not a failure of the control;
 * ERROR when the check could not be evaluated (access denied, API unavailable), with
 * the reason.
 */
export type CheckStatus = 'PASS' | 'FAIL' | 'WARN' | 'ERROR';

export type RemediationKind = 'automated' | 'guided' | 'manual';

/** One resource a check looked at, and what it saw. */
export interface ResourceEvidence {
  /** ARN or name. */
  resourceId: string;
  resourceType: string;
  status: CheckStatus;
  /** What was observed, e.g. "AtRestEncryptionEnabled=false". */
  evidence: string;
}

export interface CheckResult {
  id: string;
  title: string;
  pillar: Pillar;
  /** The Security Hub FSBP control id, or "baseline" when FSBP has none. */
  control: string;
  severity: Severity;
  status: CheckStatus;
  /** One sentence: why this status. For ERROR, the reason the check could not run. */
  summary: string;
  resources: ResourceEvidence[];
  remediation: { kind: RemediationKind; why: string };
  /** True when the portal can preview and execute the remediation of this check. */
  canAutoRemediate: boolean;
  evaluatedAt: string;
}

export interface PostureScore {
  /** Security Hub's method: passed ÷ evaluated checks (ERROR excluded), unweighted, 0–100. */
  securityHubPercent: number | null;
  /** Passed weight ÷ evaluated weight with CRITICAL 10, HIGH 5, MEDIUM 2, LOW 1, INFO 0. */
  severityWeightedPercent: number | null;
  passed: number;
  failed: number;
  warned: number;
  errored: number;
}

/** The score with active exemptions left out, and how many checks they left out. */
export interface PostureScoreWithExemptions extends PostureScore {
  exempted: number;
}

export interface PostureReport {
  accountId: string;
  region: string;
  evaluatedAt: string;
  /** The raw score: every check counts, exempted or not. */
  score: PostureScore;
  /**
   * The score with the checks fully covered by active exemptions left out; absent
   * when the exemptions could not be read.
   */
  scoreWithExemptions?: PostureScoreWithExemptions;
  checks: CheckResult[];
}

/** A Security Hub / GuardDuty finding in the portal's own shape. */
export interface Finding {
  id: string;
  title: string;
  severity: Severity;
  /** "Security Hub", "GuardDuty", "Inspector", ... */
  product: string;
  /** Compliance.SecurityControlId, when the finding comes from a control. */
  controlId?: string;
  complianceStatus?: 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';
  workflowStatus: 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';
  resourceType: string;
  resourceId: string;
  region: string;
  accountId: string;
  firstSeen: string;
  lastSeen: string;
  remediationText?: string;
  remediationUrl?: string;
  /** The finding's own explanation (ASFF Description). */
  description?: string;
  /** The tags Security Hub reports on the finding's resource (ASFF Resources[0].Tags). */
  resourceTags?: Record<string, string>;
}

export interface FindingsPage {
  items: Finding[];
  total: number;
  /** Counts over the filtered set, before paging. */
  bySeverity: Record<Severity, number>;
  /** When the findings source could not be read, why. */
  unavailableReason?: string;
}

/** One day of the posture trend. */
export interface PostureTrendPoint {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  securityHubPercent: number | null;
  severityWeightedPercent: number | null;
  failed: number;
  /** The same with exemptions left out (null on days before exemptions were recorded). */
  securityHubPercentWithExemptions?: number | null;
  severityWeightedPercentWithExemptions?: number | null;
}

/** One finding with the posture check it maps to, when there is one (GET /findings/:id). */
export interface FindingDetail {
  finding: Finding;
  /** The check covering the finding's control or resource, with its evidence. */
  check?: CheckResult;
}
