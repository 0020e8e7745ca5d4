import { MANAGEMENT_EVENTS_PER_MONTH } from '../../domain/fixCost/assumptions';
import {
  estimated,
  formatCount,
  noCharge,
  quote,
} from '../../domain/fixCost/fixCost';
import { firstPaidRate, tieredCost } from '../../domain/fixCost/prices';
import type { FixCostModel } from '../PostureCheck';
import type { GuardDutyFacts } from './evaluate';

/**
 * VPC Flow Logs and DNS query logs GuardDuty analyses a month, in GB. GuardDuty reads
 * them from AWS's side: the account keeps no record of their volume.
 */
export const FLOW_AND_DNS_LOG_GB_PER_MONTH = 20;

type GuardDutyPrices = 'events' | 'logs';

export function estimateGuardDutyCost({
  state,
  prices,
}: Parameters<
  FixCostModel<GuardDutyFacts, undefined, GuardDutyPrices>['estimate']
>[0]) {
  if (state.detectors.some(d => d.status === 'ENABLED')) {
    return noCharge('a detector is already enabled.');
  }
  const events = tieredCost(MANAGEMENT_EVENTS_PER_MONTH, prices.events.tiers);
  const logs = tieredCost(FLOW_AND_DNS_LOG_GB_PER_MONTH, prices.logs.tiers);
  return estimated(events + logs, [
    `Assumes ${formatCount(
      MANAGEMENT_EVENTS_PER_MONTH,
    )} CloudTrail management events a month at ${quote(
      prices.events,
      firstPaidRate(prices.events),
    )}.`,
    `Assumes ${FLOW_AND_DNS_LOG_GB_PER_MONTH} GB of VPC Flow Logs and DNS query logs a month at ${quote(
      prices.logs,
      firstPaidRate(prices.logs),
    )} (GuardDuty reads them on AWS's side, so the account cannot tell their volume).`,
    ...(state.detectors.length === 0
      ? ['A new detector is free for its first 30 days.']
      : []),
    'Optional protection plans (S3, EKS, malware, RDS, Lambda, runtime monitoring) are billed separately and not included.',
  ]);
}

/** GuardDuty bills the events and log volume it analyses. */
export const guardDutyCost: FixCostModel<
  GuardDutyFacts,
  undefined,
  GuardDutyPrices
> = {
  prices: {
    events: {
      serviceCode: 'AmazonGuardDuty',
      filters: {},
      usagetype: 'PaidEventsAnalyzed',
    },
    logs: {
      serviceCode: 'AmazonGuardDuty',
      filters: {},
      usagetype: 'PaidEventsAnalyzed-Bytes',
    },
  },
  estimate: estimateGuardDutyCost,
};
