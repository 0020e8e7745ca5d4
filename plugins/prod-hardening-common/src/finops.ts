/**
 * FinOps wire types: what the backend computes from Cost Explorer, Budgets and the AI-cost
 * ledger, and what the FinOps and weekly review tabs render.
 *
 * Money: every field named `*Micros` is an integer number of micro-dollars
 * (1 USD = 1,000,000). Sums of integers never drift the way sums of floating-point dollars
 * do, and a micro-dollar is fine enough for a single AI request ($0.000150). Derived ratios
 * (cost per 1k tokens, per request, per day of a run rate) are the one exception: they are
 * quotients, may have a fraction, and are never summed again.
 *
 * Days are UTC calendar days written `YYYY-MM-DD`, months `YYYY-MM`. A day is "complete"
 * once the UTC clock has passed its end; the current, partial day is never used as data.
 */

import type { DailyCost } from './schema/openapi';
import type { QueryParameters } from './contract';

/**
 * The wire types are the contract's (openapi.yaml: FinOpsOverview, WeeklyReviewReport and
 * their parts), with the field descriptions there.
 */
export type {
  AiDailyCost,
  AiProviderAgentCost,
  AiUnitCostRow,
  AiUnitEconomics,
  AiUsage,
  AmountChange,
  AnomalyScoreMethod,
  AwsCostAnomaly,
  AwsCostForecast,
  BudgetBurn,
  BudgetExhaustion,
  BudgetNotificationStatus,
  BudgetStatus,
  CostAlert,
  CostAlertType,
  CostAnomaly,
  CostDimension,
  CostExplorerUsage,
  CostForecast,
  DailyCost,
  DayRange,
  FinOpsOverview,
  FinOpsSourceId,
  FinOpsSourceStatus,
  ForecastMethod,
  ForecastParameters,
  ForecastPoint,
  MethodForecast,
  Mover,
  MoverStatus,
  ServiceDailyCost,
  TriagedCostAnomaly,
  WeekOverWeekTable,
  WeekPeriods,
  WeeklyReviewBudget,
  WeeklyReviewReport,
} from './schema/openapi';

/** A UTC calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;

/** US dollars as an integer number of micro-dollars (1 USD = 1,000,000). */
export type MicroUsd = number;

/** AI spend of one provider × agent × model on one day, from the AI-cost ledger. */
export interface AiLedgerRow extends DailyCost {
  provider: string;
  agent: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

/** The forms GET /finops/weekly-review answers in. */
export type WeeklyReviewFormat = NonNullable<
  QueryParameters<'getWeeklyReview'>['format']
>;
