import type {
  BudgetNotificationStatus,
  BudgetStatus,
} from '@prod-hardening/plugin-prod-hardening-common';
import { usdToMicros } from './money';

/** One notification of an AWS budget as configured. */
export interface BudgetNotificationSetting {
  notificationType: 'ACTUAL' | 'FORECASTED';
  comparisonOperator: string;
  threshold: number;
  thresholdType: 'PERCENTAGE' | 'ABSOLUTE_VALUE';
  /** What AWS reports (ALARM / OK), when it reports it. */
  state?: string;
}

/** One AWS budget as read: its limit, spend and notifications. */
export interface BudgetSnapshot {
  name: string;
  /** Decimal USD strings as AWS returns them. */
  limitUsd: string;
  actualUsd?: string;
  forecastUsd?: string;
  timeUnit?: string;
  notifications: BudgetNotificationSetting[];
}

/**
 * A budget's state in micro-dollars, with each notification's threshold and whether it
 * fired. Pure.
 */
// "Fired" is derived from spend: AWS does not say whether a notification went out.
export function budgetStatus(snapshot: BudgetSnapshot): BudgetStatus {
  const limitMicros = usdToMicros(snapshot.limitUsd);
  const actualMicros = usdToMicros(snapshot.actualUsd ?? '0');
  const forecastMicros =
    snapshot.forecastUsd !== undefined
      ? usdToMicros(snapshot.forecastUsd)
      : null;
  const notifications = snapshot.notifications.map(
    (n): BudgetNotificationStatus => {
      const thresholdMicros =
        n.thresholdType === 'PERCENTAGE'
          ? Math.round((limitMicros * n.threshold) / 100)
          : usdToMicros(n.threshold);
      const comparedMicros =
        n.notificationType === 'ACTUAL' ? actualMicros : forecastMicros ?? 0;
      const fired =
        n.comparisonOperator === 'LESS_THAN'
          ? comparedMicros < thresholdMicros
          : n.comparisonOperator === 'EQUAL_TO'
          ? comparedMicros === thresholdMicros
          : comparedMicros > thresholdMicros;
      return {
        notificationType: n.notificationType,
        threshold: n.threshold,
        thresholdType: n.thresholdType,
        thresholdMicros,
        comparedMicros,
        fired,
      };
    },
  );
  return {
    name: snapshot.name,
    limitMicros,
    actualMicros,
    forecastMicros,
    notifications,
  };
}
