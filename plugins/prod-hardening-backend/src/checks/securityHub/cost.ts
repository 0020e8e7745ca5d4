import {
  estimated,
  formatCount,
  noCharge,
  quote,
} from '../../domain/fixCost/fixCost';
import { firstPaidRate, tieredCost } from '../../domain/fixCost/prices';
import type { FixCostModel } from '../PostureCheck';
import { FSBP_STANDARD_MARKER } from './evaluate';
import type { SecurityHubState } from './plan';

/**
 * Security checks a month once FSBP runs: about 330 a day, the FSBP controls that
 * apply to a small account's resources evaluated daily and on change. Security Hub
 * reports no count before it runs.
 */
export const SECURITY_CHECKS_PER_MONTH = 10_000;

export function estimateSecurityHubCost({
  state,
  prices,
}: Parameters<
  FixCostModel<SecurityHubState, undefined, 'checks'>['estimate']
>[0]) {
  const fsbpOn =
    state.enabledStandardsArns?.some(arn =>
      arn.includes(FSBP_STANDARD_MARKER),
    ) ?? false;
  if (state.hubEnabled && fsbpOn) {
    return noCharge('the hub and FSBP are already on.');
  }
  return estimated(tieredCost(SECURITY_CHECKS_PER_MONTH, prices.checks.tiers), [
    `Assumes ${formatCount(
      SECURITY_CHECKS_PER_MONTH,
    )} security checks a month (FSBP on a small account) at ${quote(
      prices.checks,
      firstPaidRate(prices.checks),
    )}.`,
    'Findings from AWS services are ingested free; AWS Config recording, which FSBP controls need, is billed separately and not included.',
    ...(state.hubEnabled
      ? []
      : ['A newly enabled hub is free for its first 30 days.']),
  ]);
}

/** Security Hub bills each security check of the enabled standards. */
export const securityHubCost: FixCostModel<
  SecurityHubState,
  undefined,
  'checks'
> = {
  prices: {
    checks: {
      serviceCode: 'AWSSecurityHub',
      filters: { productFamily: 'AWS Security Hub - Standards' },
      usagetype: 'PaidComplianceCheck',
    },
  },
  estimate: estimateSecurityHubCost,
};
