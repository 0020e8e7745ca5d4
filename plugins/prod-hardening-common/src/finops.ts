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

import type { AnomalyFeedback } from './anomalyFeedback';

/** A UTC calendar day, `YYYY-MM-DD`. */
export type IsoDay = string;

/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;

/** US dollars as an integer number of micro-dollars (1 USD = 1,000,000). */
export type MicroUsd = number;

/** An inclusive range of UTC days. */
export interface DayRange {
  from: IsoDay;
  to: IsoDay;
  days: number;
}

/** The two weeks every week-over-week figure compares. */
export interface WeekPeriods {
  /** The last 7 complete days. */
  current: DayRange;
  /** The 7 days before those. */
  previous: DayRange;
}

/** One day's cost of one series (a service, a provider, or the whole account). */
export interface DailyCost {
  day: IsoDay;
  amountMicros: MicroUsd;
}

/** One day of cost for one AWS service (Cost Explorer, grouped by SERVICE). */
export interface ServiceDailyCost extends DailyCost {
  service: string;
}

/** AI spend of one provider × agent × model on one day, from the AI-cost ledger. */
export interface AiLedgerRow extends DailyCost {
  provider: string;
  agent: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

// ---------------------------------------------------------------------------------------
// Forecast and budget burn

export type ForecastMethod = 'runRate' | 'holt';

/** Parameters the forecast ran with, shown beside the chart. */
export interface ForecastParameters {
  /** Days averaged by the run-rate method. */
  runRateDays: number;
  /** Complete days the Holt model is fitted on. */
  historyDays: number;
  /** Holt level smoothing, 0 < alpha ≤ 1: higher follows recent days faster. */
  alpha: number;
  /** Holt trend smoothing, 0 ≤ beta ≤ 1: higher lets the slope change faster. */
  beta: number;
  /** Trend damping, 0 < phi ≤ 1: 1 extends the slope unchanged, lower flattens it. */
  phi: number;
  /** Width of the Holt band in standard deviations of the one-day-ahead error. */
  bandZ: number;
}

/** One day of the month for the forecast chart; a field is absent when it does not apply. */
export interface ForecastPoint {
  day: IsoDay;
  /** Cost of a complete day. Absent from today on. */
  actualMicros?: MicroUsd;
  /** Projected cost by the run-rate method. Absent on complete days. */
  runRateMicros?: MicroUsd;
  /** Projected cost by the Holt model, with its band. Absent on complete days. */
  holtMicros?: MicroUsd;
  holtLowMicros?: MicroUsd;
  holtHighMicros?: MicroUsd;
  /** Month-to-date spend at the end of this day, actual then projected by each method. */
  cumulativeRunRateMicros: MicroUsd;
  cumulativeHoltMicros: MicroUsd;
  /** The budget spread evenly over the month, cumulated: the "on pace" line. */
  budgetPaceMicros: MicroUsd;
}

/** The first day on which month-to-date spend reaches the budget. */
export interface BudgetExhaustion {
  day: IsoDay;
  /** 'actual' when it already happened on a complete day, 'forecast' when projected. */
  basis: 'actual' | 'forecast';
}

export interface MethodForecast {
  method: ForecastMethod;
  /** Actual month-to-date plus the projection of the remaining days. */
  monthEndMicros: MicroUsd;
  /** Holt only: month-end with every remaining day at the low / high edge of the band. */
  monthEndLowMicros?: MicroUsd;
  monthEndHighMicros?: MicroUsd;
  /** monthEnd ÷ budget × 100. */
  percentOfBudget: number;
  /** Null when the budget is not reached within the month. */
  exhaustion: BudgetExhaustion | null;
}

export interface BudgetBurn {
  budgetMicros: MicroUsd;
  daysInMonth: number;
  /** Complete days of the month so far. */
  elapsedDays: number;
  /** Days of the month still to come, today included. */
  remainingDays: number;
  /** Spend of the complete days of the month. */
  monthToDateMicros: MicroUsd;
  /** budget × elapsedDays ÷ daysInMonth: what an even pace would have spent by now. */
  proRatedBudgetMicros: MicroUsd;
  /** monthToDate − proRatedBudget: positive means ahead of (over) the pace. */
  overProRatedMicros: MicroUsd;
  /** monthToDate ÷ proRatedBudget × 100; null before the first complete day. */
  percentOfProRated: number | null;
  /** budget ÷ daysInMonth: the daily spend the budget allows. */
  allowedDailyMicros: number;
  /** Average daily spend over the run-rate window (the current burn rate). */
  burnRateDailyMicros: number;
  /** burnRate ÷ allowedDaily: 1 is on pace, 1.5 spends half as much again as allowed. */
  burnRatio: number;
  /** monthToDate ÷ elapsedDays; null before the first complete day. */
  averageDailyMicros: number | null;
}

export interface CostForecast {
  month: IsoMonth;
  /** The last complete day the forecast is based on. */
  asOf: IsoDay;
  budgetMicros: MicroUsd;
  burn: BudgetBurn;
  runRate: MethodForecast;
  holt: MethodForecast;
  parameters: ForecastParameters;
  /** Every day of the month, for the chart. */
  points: ForecastPoint[];
}

// ---------------------------------------------------------------------------------------
// Anomalies

export type CostDimension =
  | 'total'
  | 'service'
  | 'provider'
  | 'agent'
  | 'model';

/**
 * How the score was computed: from the median absolute deviation; from the mean
 * absolute deviation when more than half the window sits exactly on the median (MAD = 0);
 * or not at all when every day of the window has the same cost (flat baseline, score null).
 */
export type AnomalyScoreMethod =
  | 'mad'
  | 'meanAbsoluteDeviation'
  | 'flatBaseline';

export interface CostAnomaly {
  day: IsoDay;
  dimension: CostDimension;
  /** The service, provider or agent name; "Total" for the whole account. */
  series: string;
  /** The median of the window before the day. */
  expectedMicros: MicroUsd;
  actualMicros: MicroUsd;
  /** actual − expected: positive for a spike. */
  impactMicros: MicroUsd;
  /** Modified z-score; null on a flat baseline, where any change is unusual. */
  score: number | null;
  scoreMethod: AnomalyScoreMethod;
  direction: 'spike' | 'drop';
  /** Days of history the expectation was computed from. */
  windowDays: number;
}

// ---------------------------------------------------------------------------------------
// Week over week

/**
 * new: nothing the week before; disappeared: nothing this week; up / down / flat otherwise.
 * "Nothing" means a total of $0, whether or not rows exist.
 */
export type MoverStatus = 'new' | 'disappeared' | 'up' | 'down' | 'flat';

export interface AmountChange {
  currentMicros: MicroUsd;
  previousMicros: MicroUsd;
  /** current − previous. */
  changeMicros: MicroUsd;
  /** change ÷ previous × 100; null when previous is 0. */
  changePercent: number | null;
}

export interface Mover extends AmountChange {
  key: string;
  status: MoverStatus;
}

export interface WeekOverWeekTable extends AmountChange {
  dimension: CostDimension;
  /** The largest absolute changes first, at most the requested number. */
  movers: Mover[];
  /** Everything not listed in movers, summed, so the table adds up to the totals. */
  others: AmountChange & { count: number };
}

// ---------------------------------------------------------------------------------------
// AI unit economics

export interface AiUsage {
  costMicros: MicroUsd;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  /** cost ÷ (input + output tokens) × 1000, in micro-dollars; null without tokens. */
  costPer1kTokensMicros: number | null;
  /** cost ÷ requests, in micro-dollars; null without requests. */
  costPerRequestMicros: number | null;
  /** (input + output tokens) ÷ requests; null without requests. */
  tokensPerRequest: number | null;
}

export interface AiUnitCostRow {
  dimension: 'total' | 'provider' | 'agent' | 'model';
  /** Provider, agent, "provider/model" (a model name can exist at two providers), or "Total". */
  key: string;
  current: AiUsage;
  previous: AiUsage;
  costChangePercent: number | null;
  costPer1kTokensChangePercent: number | null;
  costPerRequestChangePercent: number | null;
}

export interface AiUnitEconomics {
  periods: WeekPeriods;
  total: AiUnitCostRow;
  /** Each sorted by this week's cost, largest first. */
  byProvider: AiUnitCostRow[];
  byAgent: AiUnitCostRow[];
  byModel: AiUnitCostRow[];
}

// ---------------------------------------------------------------------------------------
// Alerts and the weekly review

export type CostAlertType = 'budget_threshold' | 'anomaly' | 'daily_limit';

/** A row of the cost-alerts table. */
export interface CostAlert {
  id: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
  alertType: CostAlertType;
  severity: 'warning' | 'critical';
  message: string;
  amountMicros: MicroUsd;
  thresholdMicros: MicroUsd;
  /** Whether the SNS notification went out; false rows still need a person to look. */
  notified: boolean;
}

export interface WeeklyReviewBudget {
  month: IsoMonth;
  burn: BudgetBurn;
  runRate: MethodForecast;
  holt: MethodForecast;
  parameters: ForecastParameters;
}

export interface WeeklyReviewReport {
  /** ISO 8601 timestamp of the clock the report was computed for. */
  generatedAt: string;
  periods: WeekPeriods;
  totals: {
    /** The AWS bill (Cost Explorer, all services). */
    aws: AmountChange;
    /** The AI-cost ledger (all providers). */
    ai: AmountChange;
  };
  movers: {
    services: WeekOverWeekTable;
    agents: WeekOverWeekTable;
    providers: WeekOverWeekTable;
  };
  /** The month that contains the last day of the current week. */
  budget: WeeklyReviewBudget;
  /** Anomalies on the days of the current week. */
  anomalies: CostAnomaly[];
  aiUnitEconomics: AiUnitEconomics;
  /** Critical first, then newest first. */
  openAlerts: CostAlert[];
}

// ---------------------------------------------------------------------------------------
// The FinOps tab

/** The data sources of the FinOps tab; each can be unavailable on its own. */
export type FinOpsSourceId =
  | 'budgets'
  | 'costExplorer'
  | 'costForecast'
  | 'costAnomalies'
  | 'aiLedger'
  | 'costAlerts';

export interface FinOpsSourceStatus {
  id: FinOpsSourceId;
  label: string;
  state: 'ok' | 'unavailable' | 'pending';
  /** Why the source is unavailable, in one sentence. */
  reason?: string;
  /** ISO 8601: when the data shown was read from AWS. */
  readAt?: string;
}

/** One of the budget's notifications, and whether spend has crossed it. */
export interface BudgetNotificationStatus {
  notificationType: 'ACTUAL' | 'FORECASTED';
  /** As configured: a percent of the limit, or an absolute amount. */
  threshold: number;
  thresholdType: 'PERCENTAGE' | 'ABSOLUTE_VALUE';
  thresholdMicros: MicroUsd;
  /** Actual spend for ACTUAL notifications, forecast spend for FORECASTED ones. */
  comparedMicros: MicroUsd;
  /** comparedMicros > thresholdMicros: AWS has sent (or will send) this notification. */
  fired: boolean;
}

export interface BudgetStatus {
  name: string;
  limitMicros: MicroUsd;
  /** Month-to-date actual spend as AWS Budgets reports it. */
  actualMicros: MicroUsd;
  /** AWS Budgets' month-end forecast; null when AWS has none yet. */
  forecastMicros: MicroUsd | null;
  notifications: BudgetNotificationStatus[];
}

/** Cost Explorer's own month-end forecast (GetCostForecast), when it answers. */
export interface AwsCostForecast {
  month: IsoMonth;
  /** Month-to-date actual plus AWS's forecast of the rest of the month. */
  monthEndMicros: MicroUsd;
  remainingMicros: MicroUsd;
  remainingLowMicros: MicroUsd | null;
  remainingHighMicros: MicroUsd | null;
}

/** An anomaly found by AWS Cost Anomaly Detection (GetAnomalies). */
export interface AwsCostAnomaly {
  id: string;
  startDay: IsoDay | null;
  endDay: IsoDay | null;
  series: string;
  maxScore: number;
  impactMicros: MicroUsd | null;
  /** The latest answer given from the portal, if any. */
  feedback: AnomalyFeedback | null;
}

/** One of the portal's own anomalies, with the id triage answers to and its latest answer. */
export interface TriagedCostAnomaly extends CostAnomaly {
  /** `day/dimension/series`: the same anomaly has the same id on every refresh. */
  id: string;
  feedback: AnomalyFeedback | null;
}

/** The portal's own Cost Explorer use: every request costs $0.01. */
export interface CostExplorerUsage {
  month: IsoMonth;
  requests: number;
  costMicros: MicroUsd;
  /** ISO 8601 of the last scheduled refresh that ran, if any. */
  lastRefreshAt: string | null;
  /** How often the scheduled refresh runs. */
  refreshEveryHours: number;
}

/** One day of AI spend of one provider and agent. */
export interface AiDailyCost extends DailyCost {
  provider: string;
  agent: string;
}

export interface FinOpsOverview {
  /** ISO 8601 of the clock the overview was computed for. */
  generatedAt: string;
  month: IsoMonth;
  sources: FinOpsSourceStatus[];
  budget: BudgetStatus | null;
  /**
   * Which forecast the page leads with: 'aws' when Cost Explorer's forecast answered
   * (ours is shown beside it), 'own' when only the portal's own model is available.
   */
  forecastBasis: 'aws' | 'own';
  /** The portal's own forecast from the Cost Explorer daily costs; null without data. */
  forecast: CostForecast | null;
  awsForecast: AwsCostForecast | null;
  /** Daily cost by service, the last 90 complete days. */
  serviceCosts: ServiceDailyCost[];
  /** Our anomalies over the last 30 complete days, newest first. */
  anomalies: TriagedCostAnomaly[];
  awsAnomalies: AwsCostAnomaly[];
  ai: {
    /** The last 30 complete days, by provider and agent. */
    daily: AiDailyCost[];
    unitEconomics: AiUnitEconomics;
  } | null;
  /** Alerts of the cost-alerts table that are still retained, critical first. */
  alerts: CostAlert[];
  costExplorerUsage: CostExplorerUsage;
}

export type WeeklyReviewFormat = 'json' | 'csv' | 'md';
