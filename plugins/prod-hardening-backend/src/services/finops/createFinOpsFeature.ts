import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { AwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import { AiLedgerSource } from '../../sources/aiLedger';
import { BudgetsSource } from '../../sources/budgets';
import { CostExplorerSource } from '../../sources/costExplorer';
import { TrustedAdvisorSource } from '../../sources/trustedAdvisor';
import { AnomalyFeedbackService } from './AnomalyFeedbackService';
import { AnomalyFeedbackStore } from './AnomalyFeedbackStore';
import { FinOpsService } from './FinOpsService';
import { FinOpsStore } from './FinOpsStore';
import { OptimisationService } from './OptimisationService';

/**
 * Cost Explorer is read this often for costs, forecast and anomalies, and once a day for
 * the savings targets' usage types: (4 × 3 + 1) requests a day ≈ $3.90 a month.
 */
export const REFRESH_EVERY_HOURS = 6;
export const OPTIMISATION_REFRESH_EVERY_HOURS = 24;
export const COST_EXPLORER_TASK_ID =
  'prod-hardening-finops-cost-explorer-refresh';
const HOUR_MS = 3_600_000;

export interface FinOpsFeatureOptions {
  config: ProdHardeningConfig;
  aws: AwsClientFactory;
  /** The plugin's database, migrated. */
  db: Knex;
  scheduler: SchedulerService;
  logger: LoggerService;
  now?: () => Date;
}

export interface FinOpsFeature {
  finops: FinOpsService;
  optimisation: OptimisationService;
  anomalyFeedback: AnomalyFeedbackService;
}

/**
 * Builds the FinOps service and schedules its Cost Explorer reads as one global
 * scheduler task: across replicas it runs on one at a time, and at start-up only on
 * the first replica that registers it (the scheduler keeps the next run time stored in
 * the database, so a replica starting later adds no request). Each run refreshes the
 * costs when older than the period, then the savings and Trusted Advisor figures when
 * older than a day: one after the other, so they never compete for Cost Explorer's
 * rate limit.
 */
export async function createFinOpsFeature(
  options: FinOpsFeatureOptions,
): Promise<FinOpsFeature> {
  const { config, aws, db, scheduler, logger, now } = options;
  const store = new FinOpsStore(db);
  const feedbackStore = new AnomalyFeedbackStore(db);
  // Assigned once below; the source's callback, built first, reads it later.
  // eslint-disable-next-line prefer-const
  let service: FinOpsService | undefined;
  const costExplorer = new CostExplorerSource(aws, {
    onRequest: operation => service?.countRequest(operation),
  });
  service = new FinOpsService({
    budgets: new BudgetsSource(aws),
    costExplorer,
    aiLedger: new AiLedgerSource(aws, config.resources.tables, now),
    store,
    feedback: feedbackStore,
    budgetName: config.resources.budgetName,
    monthlyBudgetUsd: config.resources.monthlyBudgetUsd,
    refreshEveryHours: REFRESH_EVERY_HOURS,
    endpoint: config.aws.endpoint,
    logger,
    now,
  });
  const finops = service;
  const optimisation = new OptimisationService({
    costExplorer,
    trustedAdvisor: new TrustedAdvisorSource(aws),
    store,
    savingsChangeDay: config.finops.savingsChangeDay,
    endpoint: config.aws.endpoint,
    logger,
    now,
  });
  // A little under each period, so a scheduled run is never skipped for being early.
  const maxAgeMs = (REFRESH_EVERY_HOURS - 0.5) * HOUR_MS;
  const optimisationMaxAgeMs =
    (OPTIMISATION_REFRESH_EVERY_HOURS - 0.5) * HOUR_MS;
  const refresh = async () => {
    try {
      await finops.refreshIfStale(maxAgeMs);
    } catch (err) {
      logger.warn(`FinOps: Cost Explorer refresh failed: ${err}`);
    }
  };
  const refreshOptimisation = async () => {
    try {
      await optimisation.refreshIfStale(optimisationMaxAgeMs);
    } catch (err) {
      logger.warn(`FinOps: savings and Trusted Advisor refresh failed: ${err}`);
    }
  };
  await scheduler.scheduleTask({
    id: COST_EXPLORER_TASK_ID,
    scope: 'global',
    frequency: { hours: REFRESH_EVERY_HOURS },
    timeout: { minutes: 20 },
    // No initial delay: a new deployment reads once at start-up, on one replica.
    fn: async () => {
      await refresh();
      await refreshOptimisation();
    },
  });
  const anomalyFeedback = new AnomalyFeedbackService({
    anomalies: finops,
    costExplorer,
    store: feedbackStore,
    endpoint: config.aws.endpoint,
    now,
  });
  return { finops, optimisation, anomalyFeedback };
}
