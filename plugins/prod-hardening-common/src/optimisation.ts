/**
 * Cost-optimisation wire types: the seed's savings targets (VPC endpoints and DynamoDB
 * TTL) measured from Cost Explorer, and AWS Trusted Advisor's cost-optimisation checks.
 * Money in integer micro-dollars, days `YYYY-MM-DD` (see finops.ts).
 */
import type { DayRange, IsoDay, MicroUsd } from './finops';

export type SavingsTargetId = 'vpc-endpoints-nat' | 'dynamodb-ttl-storage';

/**
 * - `met`: the reduction reached the goal.
 * - `behind`: measured, below the goal.
 * - `measuring`: fewer than a week of data since the change; the figure is provisional.
 * - `no-data`: Cost Explorer has no cost of this kind before or after the change.
 * - `not-configured`: the day the change was made is not configured.
 */
export type SavingsTargetStatus =
  | 'met'
  | 'behind'
  | 'measuring'
  | 'no-data'
  | 'not-configured';

export interface SavingsWindow extends DayRange {
  /** Average cost per day over the window. */
  dailyAverageMicros: MicroUsd;
}

export interface SavingsTarget {
  id: SavingsTargetId;
  title: string;
  /** The seed's goal, a percentage reduction (20 = 20 %). */
  goalPercent: number;
  /** What is measured, in words (service and usage types). */
  basis: string;
  status: SavingsTargetStatus;
  /** Why the status is what it is, for a person. */
  explanation: string;
  baseline?: SavingsWindow;
  current?: SavingsWindow;
  /** (baseline − current) ÷ baseline × 100, one decimal; negative when cost rose. */
  reductionPercent?: number;
  /** (baseline − current) daily averages × 30. */
  monthlySavingMicros?: MicroUsd;
}

export type TrustedAdvisorCheckStatus =
  | 'ok'
  | 'warning'
  | 'error'
  | 'not_available';

export interface TrustedAdvisorCostCheck {
  id: string;
  name: string;
  status: TrustedAdvisorCheckStatus;
  resourcesFlagged: number;
  resourcesProcessed: number;
  estimatedMonthlySavingsMicros: MicroUsd;
}

export type TrustedAdvisorReport =
  | {
      state: 'ok';
      /** When the portal last read Trusted Advisor. */
      checkedAt: string;
      checks: TrustedAdvisorCostCheck[];
      totalEstimatedMonthlySavingsMicros: MicroUsd;
    }
  | {
      state: 'not-available';
      /** e.g. the account's support plan has no Support API. */
      reason: string;
    }
  | { state: 'not-read-yet' };

export interface FinOpsOptimisation {
  generatedAt: string;
  /** The configured day the hardening changes began; the baseline ends the day before. */
  changeDay?: IsoDay;
  /** When Cost Explorer's usage-type costs were last read, if ever. */
  usageRefreshedAt?: string;
  /** Why the last read of the usage-type costs failed (older figures are still shown). */
  usageUnavailableReason?: string;
  targets: SavingsTarget[];
  trustedAdvisor: TrustedAdvisorReport;
}
