export {
  DEFAULT_FORECAST_PARAMETERS,
  fitHolt,
  forecastMonth,
  holtPointForecast,
  holtStdDev,
} from './forecast';
export type { ForecastInput, HoltFit } from './forecast';
export {
  DEFAULT_ANOMALY_OPTIONS,
  TOTAL_SERIES,
  detectAnomalies,
  detectCostAnomalies,
  modifiedZScore,
} from './anomalies';
export type {
  AnomalyOptions,
  AnomalyScore,
  AnomalySeries,
  DetectAnomaliesInput,
} from './anomalies';
export { amountChange, compareWeeks, weekPeriods } from './weekOverWeek';
export type { WeekOverWeekInput } from './weekOverWeek';
export { computeAiUnitEconomics, modelKey } from './aiUnitEconomics';
export {
  buildWeeklyReview,
  renderWeeklyReviewCsv,
  renderWeeklyReviewMarkdown,
  withAnomalyFeedback,
} from './weeklyReview';
export type { WeeklyReviewInput } from './weeklyReview';
export { MICROS_PER_USD, microsToUsd, sumMicros, usdToMicros } from './money';
export { latestFeedback, portalAnomalyId } from './anomalyFeedback';
export type { RecordedAnomalyFeedback } from './anomalyFeedback';
export {
  aiCostByProviderAgent,
  aiDailyCosts,
  sumServiceDailyCosts,
} from './costRows';
export { budgetStatus } from './budgets';
export type { BudgetNotificationSetting, BudgetSnapshot } from './budgets';
