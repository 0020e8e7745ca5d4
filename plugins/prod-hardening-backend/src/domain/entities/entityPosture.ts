import type {
  CheckResult,
  CheckStatus,
  EntityPosture,
  Finding,
  Severity,
} from '@prod-hardening/plugin-prod-hardening-common';
import { ENTITY_FINDINGS_LIMIT } from '@prod-hardening/plugin-prod-hardening-common';
import { computeScore } from '../posture/score';
import { SEVERITIES } from '../posture/findings';
import type { ResourceMatcher } from './resourceMatcher';

/** A definite failure outranks "could not evaluate", which outranks a warning. */
const STATUS_RANK: Record<CheckStatus, number> = {
  FAIL: 3,
  ERROR: 2,
  WARN: 1,
  PASS: 0,
};

/**
 * Each check narrowed to the entity's resources. A check with none of them is not the
 * entity's (account-wide checks such as GuardDuty belong to the account page); the
 * narrowed check's status is the worst of its remaining resources'.
 */
export function checksOfEntity(
  checks: CheckResult[],
  matcher: ResourceMatcher,
): CheckResult[] {
  const narrowed: CheckResult[] = [];
  for (const check of checks) {
    const resources = check.resources.filter(r =>
      matcher.matches(r.resourceId),
    );
    if (resources.length === 0) continue;
    const status = resources.reduce<CheckStatus>(
      (worst, r) =>
        STATUS_RANK[r.status] > STATUS_RANK[worst] ? r.status : worst,
      'PASS',
    );
    narrowed.push({ ...check, status, resources });
  }
  return narrowed;
}

const SEVERITY_ORDER = new Map(SEVERITIES.map((s, i) => [s, i]));

/** The entity's posture from the account's checks and open findings (both already cached). */
export function entityPosture(input: {
  checks: CheckResult[];
  findings: Finding[];
  findingsUnavailableReason?: string;
  matcher: ResourceMatcher;
}): EntityPosture {
  const checks = checksOfEntity(input.checks, input.matcher);
  const findings = input.findings.filter(f =>
    input.matcher.matches(f.resourceId, f.resourceTags),
  );
  const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
    Severity,
    number
  >;
  for (const f of findings) bySeverity[f.severity] += 1;
  const items = [...findings]
    .sort(
      (a, b) =>
        SEVERITY_ORDER.get(a.severity)! - SEVERITY_ORDER.get(b.severity)! ||
        b.lastSeen.localeCompare(a.lastSeen),
    )
    .slice(0, ENTITY_FINDINGS_LIMIT);
  return {
    score: computeScore(checks),
    checks,
    findings: { total: findings.length, bySeverity, items },
    ...(input.findingsUnavailableReason
      ? { unavailableReason: input.findingsUnavailableReason }
      : {}),
  };
}
