import type {
  TrustedAdvisorCheckStatus,
  TrustedAdvisorCostCheck,
  TrustedAdvisorReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { usdToMicros } from './money';

const STATUSES: readonly TrustedAdvisorCheckStatus[] = [
  'ok',
  'warning',
  'error',
  'not_available',
];

/** Most urgent first: errors, then warnings, then the largest saving. */
const STATUS_ORDER: Record<TrustedAdvisorCheckStatus, number> = {
  error: 0,
  warning: 1,
  ok: 2,
  not_available: 3,
};

export interface RawTrustedAdvisorCheck {
  id: string;
  name: string;
  status: string;
  resourcesFlagged: number;
  resourcesProcessed: number;
  estimatedMonthlySavingsUsd?: number;
}

/** Trusted Advisor's cost checks as the FinOps tab lists them, with the total saving. */
export function summariseTrustedAdvisor(
  raw: readonly RawTrustedAdvisorCheck[],
  checkedAt: string,
): TrustedAdvisorReport {
  const checks: TrustedAdvisorCostCheck[] = raw.map(c => ({
    id: c.id,
    name: c.name,
    status: STATUSES.includes(c.status as TrustedAdvisorCheckStatus)
      ? (c.status as TrustedAdvisorCheckStatus)
      : 'not_available',
    resourcesFlagged: c.resourcesFlagged,
    resourcesProcessed: c.resourcesProcessed,
    estimatedMonthlySavingsMicros:
      c.estimatedMonthlySavingsUsd !== undefined &&
      Number.isFinite(c.estimatedMonthlySavingsUsd) &&
      c.estimatedMonthlySavingsUsd > 0
        ? usdToMicros(c.estimatedMonthlySavingsUsd)
        : 0,
  }));
  checks.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      b.estimatedMonthlySavingsMicros - a.estimatedMonthlySavingsMicros ||
      a.name.localeCompare(b.name),
  );
  return {
    state: 'ok',
    checkedAt,
    checks,
    totalEstimatedMonthlySavingsMicros: checks
      .filter(c => c.status !== 'ok')
      .reduce((sum, c) => sum + c.estimatedMonthlySavingsMicros, 0),
  };
}

/**
 * Why Trusted Advisor cannot be read, for a person. The Support API needs a paid support
 * plan; that is the common case and deserves its own sentence.
 */
export function trustedAdvisorUnavailableReason(
  errorName: string | undefined,
  described: string,
): string {
  if (errorName === 'SubscriptionRequiredException') {
    return 'Not available on this account: the AWS Support API (and so Trusted Advisor) needs a Business, Enterprise On-Ramp or Enterprise support plan.';
  }
  return `Trusted Advisor could not be read: ${described}`;
}
