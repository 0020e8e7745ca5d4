import type {
  CheckResult,
  Exemption,
  ExemptionFilters,
  ExemptionStatus,
  PostureScore,
} from '@prod-hardening/plugin-prod-hardening-common';
import { computeScore } from '../posture/score';
import { toCsv } from '../finops/csv';

const DAY_MS = 24 * 60 * 60_000;

/** An exemption as stored: everything but the status, which depends on the clock. */
export type StoredExemption = Omit<Exemption, 'status'>;

/** Revoked first (a revoked exemption never comes back), then expired at `expiresAt`. */
export function exemptionStatus(
  exemption: Pick<StoredExemption, 'revokedAt' | 'expiresAt'>,
  nowMs: number,
): ExemptionStatus {
  if (exemption.revokedAt) return 'revoked';
  return Date.parse(exemption.expiresAt) <= nowMs ? 'expired' : 'active';
}

export function withStatus(e: StoredExemption, nowMs: number): Exemption {
  return { ...e, status: exemptionStatus(e, nowMs) };
}

/**
 * Why an expiry is refused, or undefined when it is acceptable: it must be a valid
 * timestamp, in the future, and no later than `maxDays` from now.
 */
export function expiryProblem(
  expiresAt: string,
  nowMs: number,
  maxDays: number,
): string | undefined {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return `expiresAt "${expiresAt}" is not a date.`;
  if (at <= nowMs) return `expiresAt ${expiresAt} is in the past.`;
  const latest = nowMs + maxDays * DAY_MS;
  if (at > latest) {
    return `expiresAt ${expiresAt} is more than ${maxDays} days away (latest ${new Date(
      latest,
    ).toISOString()}).`;
  }
  return undefined;
}

/** The active exemption of a check on a resource, if any. */
export function activeCheckExemption(
  exemptions: readonly StoredExemption[],
  checkId: string,
  resourceId: string,
  nowMs: number,
): StoredExemption | undefined {
  return exemptions.find(
    e =>
      e.kind === 'check' &&
      e.checkId === checkId &&
      e.resourceId === resourceId &&
      exemptionStatus(e, nowMs) === 'active',
  );
}

/** The active exemption of a finding, if any. */
export function activeFindingExemption(
  exemptions: readonly StoredExemption[],
  findingId: string,
  nowMs: number,
): StoredExemption | undefined {
  return exemptions.find(
    e =>
      e.kind === 'finding' &&
      e.findingId === findingId &&
      exemptionStatus(e, nowMs) === 'active',
  );
}

/**
 * True when a check that does not pass is fully covered by active exemptions: every
 * resource it did not pass on is exempted. A check failing on one more resource still
 * counts, so an exemption never hides a new problem.
 */
export function isCheckExempted(
  check: Pick<CheckResult, 'id' | 'status' | 'resources'>,
  exemptions: readonly StoredExemption[],
  nowMs: number,
): boolean {
  if (check.status !== 'FAIL' && check.status !== 'WARN') return false;
  const notPassing = check.resources.filter(r => r.status !== 'PASS');
  return (
    notPassing.length > 0 &&
    notPassing.every(r =>
      activeCheckExemption(exemptions, check.id, r.resourceId, nowMs),
    )
  );
}

/**
 * The score with exemptions: the same two methods as the raw score, over the checks
 * that are not fully exempted (exempted checks are left out, neither passed nor failed).
 */
export function scoreWithExemptions(
  checks: readonly CheckResult[],
  exemptions: readonly StoredExemption[],
  nowMs: number,
): PostureScore & { exempted: number } {
  const kept = checks.filter(c => !isCheckExempted(c, exemptions, nowMs));
  return {
    ...computeScore(kept),
    exempted: checks.length - kept.length,
  };
}

/** The filters of GET /exemptions, applied to exemptions with their status. */
export function filterExemptions(
  exemptions: readonly Exemption[],
  filters: ExemptionFilters,
): Exemption[] {
  return exemptions.filter(
    e =>
      (!filters.status || e.status === filters.status) &&
      (!filters.checkId || e.checkId === filters.checkId) &&
      (!filters.resource || e.resourceId === filters.resource),
  );
}

const CSV_HEADER = [
  'id',
  'status',
  'kind',
  'checkId',
  'resourceId',
  'findingId',
  'justification',
  'expiresAt',
  'createdBy',
  'createdAt',
  'revokedBy',
  'revokedAt',
  'workflowRestoredAt',
];

/** The audit export: one row per exemption, RFC 4180, formula-safe. */
export function exemptionsCsv(exemptions: readonly Exemption[]): string {
  return toCsv([
    CSV_HEADER,
    ...exemptions.map(e => [
      e.id,
      e.status,
      e.kind,
      e.checkId,
      e.resourceId,
      e.findingId,
      e.justification,
      e.expiresAt,
      e.createdBy,
      e.createdAt,
      e.revokedBy,
      e.revokedAt,
      e.workflowRestoredAt,
    ]),
  ]);
}

/** The note written on a suppressed finding in Security Hub (max 512 characters there). */
export function suppressionNote(
  e: Pick<StoredExemption, 'justification' | 'expiresAt' | 'createdBy' | 'id'>,
): string {
  const head = `Accepted risk until ${e.expiresAt} by ${e.createdBy} (exemption ${e.id}): `;
  return truncate(head + e.justification, 512);
}

/** The note written when the finding's workflow status is put back. */
export function restoreNote(
  e: Pick<StoredExemption, 'id'>,
  why: 'revoked' | 'expired',
  by: string,
): string {
  return truncate(`Exemption ${e.id} ${why} (${by}).`, 512);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
