export {
  EnhancedCostMonitoring,
  groupForRollup,
} from './EnhancedCostMonitoring';
export type {
  BudgetCheckResult,
  CostAlert,
  CostLedgerEntry,
  DailyRollup,
  EnhancedCostMonitoringOptions,
  RaiseAlertResult,
} from './EnhancedCostMonitoring';
export { CostLedgerReader } from './ledgerReader';
export type { CostLedgerReaderOptions } from './ledgerReader';
export {
  createCostMonitoringFromEnv,
  costMonitoringEnvSchema,
} from './fromEnv';
export {
  createCostTables,
  buildAiCostsTableInput,
  buildCostAlertsTableInput,
} from './tables';
export type { CreateCostTablesOptions, CreateCostTablesResult } from './tables';
export * from './constants';
export {
  CostValidationError,
  CostLedgerWriteError,
  CostRollupUpdateError,
} from './errors';
export type { FieldIssue } from './errors';
export {
  costEntryKey,
  costPartitionKey,
  agentModelPrefix,
  rollupKey,
  alertPartitionKey,
  stableAlertId,
  ROLLUP_PK,
} from './keys';
export { MICROS_PER_USD, usdToMicros, microsToUsd, sumMicros } from './money';
export {
  ttlFor,
  isExpired,
  utcDay,
  isoSeconds,
  firstRetainedDay,
} from './time';
export { backoffDelays, RetriesExhaustedError } from './backoff';
export type { Sleep } from './backoff';
export type {
  AlertInput,
  BudgetOptions,
  CostEntryInput,
  DateRange,
} from './schemas';
