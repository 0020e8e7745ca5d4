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
import { FinOpsService } from './FinOpsService';
import { FinOpsStore } from './FinOpsStore';
import { OptimisationService } from './OptimisationService';

/**
 * Cost Explorer is read this often for costs, forecast and anomalies, and once a day for
 * the savings targets' usage types: (4 × 3 + 1) requests a day ≈ $3.90 a month.
 */
export const REFRESH_EVERY_HOURS = 6;
export const OPTIMISATION_REFRESH_EVERY_HOURS = 24;
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

/**
 * Builds the FinOps service and schedules its Cost Explorer refresh: once at start-up
 * (unless a replica or a previous run refreshed within the period) and then every
 * REFRESH_EVERY_HOURS hours, shared by all replicas through the scheduler.
 */
export interface FinOpsFeature {
  finops: FinOpsService;
  optimisation: OptimisationService;
}

export async function createFinOpsFeature(
  options: FinOpsFeatureOptions,
): Promise<FinOpsFeature> {
  const { config, aws, db, scheduler, logger, now } = options;
  const store = new FinOpsStore(db);
  let service: FinOpsService | undefined;
  const costExplorer = new CostExplorerSource(aws, {
    onRequest: operation => service?.countRequest(operation),
  });
  service = new FinOpsService({
    budgets: new BudgetsSource(aws),
    costExplorer,
    aiLedger: new AiLedgerSource(aws, config.resources.tables, now),
    store,
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
  const refreshOptimisation = async (after?: Promise<unknown>) => {
    try {
      await optimisation.refreshIfStale(optimisationMaxAgeMs, after);
    } catch (err) {
      logger.warn(`FinOps: savings and Trusted Advisor refresh failed: ${err}`);
    }
  };
  // One after the other: the start-up reads never compete for Cost Explorer's rate limit.
  void refreshOptimisation(refresh());
  await scheduler.scheduleTask({
    id: 'prod-hardening-finops-cost-explorer-refresh',
    frequency: { hours: REFRESH_EVERY_HOURS },
    timeout: { minutes: 10 },
    initialDelay: { hours: REFRESH_EVERY_HOURS },
    fn: refresh,
  });
  await scheduler.scheduleTask({
    id: 'prod-hardening-finops-optimisation-refresh',
    frequency: { hours: OPTIMISATION_REFRESH_EVERY_HOURS },
    timeout: { minutes: 10 },
    initialDelay: { hours: OPTIMISATION_REFRESH_EVERY_HOURS },
    fn: () => refreshOptimisation(),
  });
  return { finops, optimisation };
}
