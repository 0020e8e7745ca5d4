import type { FixCost } from '@prod-hardening/plugin-prod-hardening-common';

/**
 * The one line a person reads about what a fix costs: "Adds about $12.40 a month",
 * "Saves about $3.10 a month", "No added cost" or "Cost unknown: <reason>".
 */
export function fixCostHeadline(cost: FixCost): string {
  if (cost.monthlyUsd === null) {
    return `Cost unknown: ${cost.unknownReason ?? 'no estimate'}`;
  }
  const amount = Math.abs(cost.monthlyUsd).toFixed(2);
  if (amount === '0.00') {
    return cost.monthlyUsd === 0 ? 'No added cost' : 'Adds under $0.01 a month';
  }
  return cost.monthlyUsd > 0
    ? `Adds about $${amount} a month`
    : `Saves about $${amount} a month`;
}
