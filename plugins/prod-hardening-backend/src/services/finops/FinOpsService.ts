import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  AiDailyCost,
  AiLedgerRow,
  AnomalyFeedback,
  AnomalySource,
  AwsCostAnomaly,
  AwsCostForecast,
  CostAlert,
  FinOpsOverview,
  FinOpsSourceId,
  FinOpsSourceStatus,
  ServiceDailyCost,
  TriagedCostAnomaly,
  WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import {
  aiCostByProviderAgent,
  aiDailyCosts,
  BudgetSnapshot,
  budgetStatus,
  buildWeeklyReview,
  withAnomalyFeedback,
  computeAiUnitEconomics,
  detectCostAnomalies,
  forecastMonth,
  latestFeedback,
  portalAnomalyId,
  sumServiceDailyCosts,
  usdToMicros,
} from '../../domain/finops';
import {
  addDays,
  firstDayOfMonth,
  lastDayOfMonth,
  monthOf,
  utcDayOf,
} from '../../domain/finops/dates';
import type { AiLedgerSource } from '../../sources/aiLedger';
import type { BudgetsSource } from '../../sources/budgets';
import type {
  CostExplorerAnomaly,
  CostExplorerForecast,
  CostExplorerSource,
} from '../../sources/costExplorer';
import type { AnomalyFeedbackStore } from './AnomalyFeedbackStore';
import type { FinOpsStore } from './FinOpsStore';
import { StoredRefresh } from './StoredRefresh';
import { TimedCache } from '../../cache';

/** Cost Explorer bills every API request. */
export const COST_EXPLORER_USD_PER_REQUEST = 0.01;
const MICROS_PER_REQUEST = 10_000;
/** Days of daily cost by service kept: Cost Explorer's daily granularity covers ~14 months, 90 is enough for every model. */
export const COST_HISTORY_DAYS = 90;
/** AI ledger days read for the tab: anomalies look 30 back, unit costs two weeks. */
const AI_DAYS = 30;
/** Budgets, ledger and alerts are cheap reads, cached briefly so a busy page stays cheap. */
const LIVE_CACHE_MS = 60_000;

const STATE_KEY = 'costExplorer';

type Outcome<T> =
  | { state: 'ok'; value: T }
  | { state: 'unavailable'; reason: string };

/** What one Cost Explorer refresh stored, beside the daily rows. */
export interface CostExplorerState {
  refreshedAt: string;
  /** The last complete day the daily rows cover. */
  throughDay: string;
  costAndUsage: { state: 'ok' } | { state: 'unavailable'; reason: string };
  forecast: Outcome<CostExplorerForecast & { month: string }>;
  anomalies: Outcome<CostExplorerAnomaly[]>;
}

interface LiveData {
  readAt: string;
  budget: Outcome<BudgetSnapshot>;
  ledger: Outcome<AiLedgerRow[]>;
  alerts: Outcome<CostAlert[]>;
}

export interface FinOpsServiceOptions {
  budgets: BudgetsSource;
  costExplorer: CostExplorerSource;
  aiLedger: AiLedgerSource;
  store: FinOpsStore;
  /** The answers given to anomalies, shown beside each one. */
  feedback: AnomalyFeedbackStore;
  budgetName: string;
  monthlyBudgetUsd: number;
  refreshEveryHours: number;
  endpoint?: string;
  logger?: LoggerService;
  now?: () => Date;
}

const SOURCE_LABELS: Record<FinOpsSourceId, string> = {
  budgets: 'AWS Budgets',
  costExplorer: 'Cost Explorer daily costs',
  costForecast: 'Cost Explorer forecast',
  costAnomalies: 'Cost Anomaly Detection',
  aiLedger: 'AI-cost ledger',
  costAlerts: 'Cost alerts',
};

const SEVERITY_RANK = { critical: 0, warning: 1 } as const;

/**
 * FinOps for the portal. Cost Explorer (billed per request) is read only by `refresh`,
 * which the scheduler runs; page views read what the refresh stored plus the cheap live
 * sources (Budgets, the AI ledger, the alerts table). Each source degrades on its own.
 */
export class FinOpsService {
  private readonly now: () => Date;
  /** The start-up or scheduled Cost Explorer read; page views wait for it. */
  private readonly costExplorerRead: StoredRefresh;
  private readonly live: TimedCache<LiveData>;

  constructor(private readonly options: FinOpsServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.costExplorerRead = new StoredRefresh({
      store: options.store,
      stateKey: STATE_KEY,
      now: this.now,
      run: () => this.doRefresh(),
    });
    this.live = new TimedCache(LIVE_CACHE_MS, () => this.now().getTime());
  }

  /** The month's request counter, for the source's onRequest hook. */
  async countRequest(
    operation: Parameters<FinOpsStore['countRequest']>[1],
  ): Promise<void> {
    await this.options.store.countRequest(
      monthOf(utcDayOf(this.now())),
      operation,
    );
  }

  /** Refreshes unless the stored data is younger than `maxAgeMs` (another replica or a restart). */
  refreshIfStale(maxAgeMs: number): Promise<boolean> {
    return this.costExplorerRead.runIfStale(maxAgeMs);
  }

  /** Reads Cost Explorer once: daily cost by service, the forecast and the anomalies. */
  refresh(): Promise<void> {
    return this.costExplorerRead.run();
  }

  private async doRefresh(): Promise<void> {
    const { costExplorer, store, logger } = this.options;
    const now = this.now();
    const today = utcDayOf(now);
    const start = addDays(today, -COST_HISTORY_DAYS);
    const previous = await store.getState<CostExplorerState>(STATE_KEY);

    let costAndUsage: CostExplorerState['costAndUsage'] = { state: 'ok' };
    try {
      const rows = await costExplorer.getDailyCostByService(start, today);
      await store.replaceServiceCosts(sumServiceDailyCosts(rows));
    } catch (err) {
      // Keep the rows of the last good refresh: older figures beat none.
      costAndUsage = { state: 'unavailable', reason: this.reason(err) };
    }
    const month = monthOf(today);
    const nextMonth = addDays(lastDayOfMonth(month), 1);
    const forecast = await this.attempt(async () => ({
      month,
      ...(await costExplorer.getCostForecast(today, nextMonth)),
    }));
    const anomalies = await this.attempt(() =>
      costExplorer.getAnomalies(addDays(today, -30)),
    );
    const state: CostExplorerState = {
      refreshedAt: now.toISOString(),
      throughDay:
        costAndUsage.state === 'ok'
          ? addDays(today, -1)
          : previous?.throughDay ?? '',
      costAndUsage,
      forecast,
      anomalies,
    };
    await store.setState(STATE_KEY, state, now);
    logger?.info(
      `FinOps: Cost Explorer refreshed (daily costs ${costAndUsage.state}, forecast ${forecast.state}, anomalies ${anomalies.state})`,
    );
  }

  async getOverview(): Promise<FinOpsOverview> {
    await this.costExplorerRead.settled();
    const now = this.now();
    const today = utcDayOf(now);
    const month = monthOf(today);
    const { store } = this.options;
    const [state, serviceCosts, live, requests] = await Promise.all([
      store.getState<CostExplorerState>(STATE_KEY),
      store.getServiceCosts(),
      this.liveData(),
      store.getRequests(month),
    ]);
    const budgetMicros = usdToMicros(this.options.monthlyBudgetUsd);
    const hasCosts = serviceCosts.length > 0;
    const forecast = hasCosts
      ? forecastMonth({ now, budgetMicros, daily: serviceCosts })
      : null;
    const monthToDate = serviceCosts
      .filter(r => r.day >= firstDayOfMonth(month) && r.day < today)
      .reduce((sum, r) => sum + r.amountMicros, 0);
    const awsForecast =
      state?.forecast.state === 'ok' && state.forecast.value.month === month
        ? toAwsForecast(state.forecast.value, monthToDate)
        : null;
    const ledger = live.ledger.state === 'ok' ? live.ledger.value : null;
    return {
      generatedAt: now.toISOString(),
      month,
      sources: this.sources(state, live),
      budget:
        live.budget.state === 'ok' ? budgetStatus(live.budget.value) : null,
      forecastBasis: awsForecast ? 'aws' : 'own',
      forecast,
      awsForecast,
      serviceCosts,
      ...(await this.triagedAnomalies(now, serviceCosts, state)),
      ai: ledger ? this.aiCosts(now, ledger) : null,
      alerts: live.alerts.state === 'ok' ? live.alerts.value : [],
      costExplorerUsage: {
        month,
        requests,
        costMicros: requests * MICROS_PER_REQUEST,
        lastRefreshAt: state?.refreshedAt ?? null,
        refreshEveryHours: this.options.refreshEveryHours,
      },
    };
  }

  /**
   * Whether `anomalyId` is one the portal shows now: an AWS anomaly of the last
   * refresh, or one of the portal's own over the last 30 complete days. Triage answers
   * only those, so no id the portal has not seen is ever sent to AWS.
   */
  async knowsAnomaly(
    source: AnomalySource,
    anomalyId: string,
  ): Promise<boolean> {
    await this.costExplorerRead.settled();
    if (source === 'aws') {
      const state = await this.options.store.getState<CostExplorerState>(
        STATE_KEY,
      );
      return (
        state?.anomalies.state === 'ok' &&
        state.anomalies.value.some(a => a.id === anomalyId)
      );
    }
    const serviceCosts = await this.options.store.getServiceCosts();
    return this.portalAnomalies(this.now(), serviceCosts).some(
      a => portalAnomalyId(a) === anomalyId,
    );
  }

  /** The AI ledger's last 30 days: per day, per provider and agent, and per unit. */
  private aiCosts(
    now: Date,
    ledger: AiLedgerRow[],
  ): NonNullable<FinOpsOverview['ai']> {
    const daily = aiDailyCosts(ledger);
    return {
      daily,
      byProviderAgent: aiCostByProviderAgent(daily),
      unitEconomics: computeAiUnitEconomics({ now, rows: ledger }),
    };
  }

  private portalAnomalies(now: Date, serviceCosts: ServiceDailyCost[]) {
    if (serviceCosts.length === 0) return [];
    return detectCostAnomalies({ now, rows: serviceCosts }).sort((a, b) =>
      b.day.localeCompare(a.day),
    );
  }

  /** Both lists of anomalies, each with its latest answer. */
  private async triagedAnomalies(
    now: Date,
    serviceCosts: ServiceDailyCost[],
    state: CostExplorerState | undefined,
  ): Promise<Pick<FinOpsOverview, 'anomalies' | 'awsAnomalies'>> {
    const own = this.portalAnomalies(now, serviceCosts).map(a => ({
      ...a,
      id: portalAnomalyId(a),
    }));
    const aws = state?.anomalies.state === 'ok' ? state.anomalies.value : [];
    const [ownLatest, awsLatest] = await Promise.all([
      this.latestAnswers(
        'portal',
        own.map(a => a.id),
      ),
      this.latestAnswers(
        'aws',
        aws.map(a => a.id),
      ),
    ]);
    return {
      anomalies: own.map(
        (a): TriagedCostAnomaly => ({ ...a, feedback: ownLatest(a.id) }),
      ),
      awsAnomalies: aws.map(a => toAwsAnomaly(a, awsLatest(a.id))),
    };
  }

  /** The latest triage answer of each of these anomalies, as a lookup by id. */
  private async latestAnswers(
    source: AnomalySource,
    anomalyIds: string[],
  ): Promise<(anomalyId: string) => AnomalyFeedback | null> {
    const latest = latestFeedback(
      await this.options.feedback.forAnomalies(source, anomalyIds),
    );
    return anomalyId => latest(source, anomalyId);
  }

  async getWeeklyReview(): Promise<WeeklyReviewReport> {
    await this.costExplorerRead.settled();
    const now = this.now();
    const [serviceCosts, live] = await Promise.all([
      this.options.store.getServiceCosts(),
      this.liveData(),
    ]);
    const report = buildWeeklyReview({
      now,
      budgetMicros: usdToMicros(this.options.monthlyBudgetUsd),
      serviceCosts,
      ledger: live.ledger.state === 'ok' ? live.ledger.value : [],
      openAlerts: live.alerts.state === 'ok' ? live.alerts.value : [],
    });
    return withAnomalyFeedback(
      report,
      await this.latestAnswers(
        'portal',
        report.anomalies.map(a => a.id),
      ),
    );
  }

  /**
   * The AI ledger's last 30 complete days by provider and agent, from the same short
   * cache as the tab (for entity pages: no extra AWS read per view).
   */
  async getAiDailyCosts(): Promise<
    | { state: 'ok'; daily: AiDailyCost[] }
    | { state: 'unavailable'; reason: string }
  > {
    const { ledger } = await this.liveData();
    return ledger.state === 'ok'
      ? { state: 'ok', daily: aiDailyCosts(ledger.value) }
      : ledger;
  }

  private liveData(): Promise<LiveData> {
    return this.live.get(() => this.readLive());
  }

  private async readLive(): Promise<LiveData> {
    const { budgets, aiLedger, budgetName } = this.options;
    const now = this.now();
    const yesterday = addDays(utcDayOf(now), -1);
    const [budget, ledger, alerts] = await Promise.all([
      this.attempt(() => budgets.describeBudget(budgetName)),
      this.attempt(async () =>
        (
          await aiLedger.getDailyRollups(
            addDays(yesterday, -(AI_DAYS - 1)),
            yesterday,
          )
        ).map(
          (r): AiLedgerRow => ({
            day: r.date,
            provider: r.provider,
            agent: r.agent,
            model: r.model,
            amountMicros: r.amountMicros,
            inputTokens: r.inputTokens,
            outputTokens: r.outputTokens,
            requests: r.requests,
          }),
        ),
      ),
      this.attempt(async () =>
        (
          await aiLedger.listAlerts()
        )
          .map(
            (a): CostAlert => ({
              id: a.alertId,
              createdAt: a.createdAt,
              alertType: a.alertType,
              severity: a.severity,
              message: a.message,
              amountMicros: a.amountMicros,
              thresholdMicros: a.thresholdMicros,
              notified: a.notified,
            }),
          )
          .sort(
            (a, b) =>
              SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
              b.createdAt.localeCompare(a.createdAt),
          ),
      ),
    ]);
    return { readAt: now.toISOString(), budget, ledger, alerts };
  }

  private sources(
    state: CostExplorerState | undefined,
    live: LiveData,
  ): FinOpsSourceStatus[] {
    const status = (
      id: FinOpsSourceId,
      outcome:
        | { state: 'ok' }
        | { state: 'unavailable'; reason: string }
        | undefined,
      readAt: string | undefined,
      suffix = '',
    ): FinOpsSourceStatus => {
      if (!outcome) {
        return {
          id,
          label: SOURCE_LABELS[id],
          state: 'pending',
          reason: 'not read yet: the scheduled refresh has not run',
        };
      }
      return outcome.state === 'ok'
        ? { id, label: SOURCE_LABELS[id], state: 'ok', readAt }
        : {
            id,
            label: SOURCE_LABELS[id],
            state: 'unavailable',
            reason: `${outcome.reason}${suffix}`,
            readAt,
          };
    };
    return [
      status('budgets', live.budget, live.readAt),
      status('costExplorer', state?.costAndUsage, state?.refreshedAt),
      status(
        'costForecast',
        state?.forecast,
        state?.refreshedAt,
        " — showing the portal's own forecast only",
      ),
      status(
        'costAnomalies',
        state?.anomalies,
        state?.refreshedAt,
        " — showing the portal's own anomaly detection only",
      ),
      status('aiLedger', live.ledger, live.readAt),
      status('costAlerts', live.alerts, live.readAt),
    ];
  }

  private async attempt<T>(read: () => Promise<T>): Promise<Outcome<T>> {
    try {
      return { state: 'ok', value: await read() };
    } catch (err) {
      return { state: 'unavailable', reason: this.reason(err) };
    }
  }

  private reason(err: unknown): string {
    return describeAwsError(err, this.options.endpoint);
  }
}

function toAwsForecast(
  f: CostExplorerForecast & { month: string },
  monthToDateMicros: number,
): AwsCostForecast {
  const remainingMicros = usdToMicros(f.meanUsd);
  return {
    month: f.month,
    monthEndMicros: monthToDateMicros + remainingMicros,
    remainingMicros,
    remainingLowMicros: f.lowUsd !== undefined ? usdToMicros(f.lowUsd) : null,
    remainingHighMicros:
      f.highUsd !== undefined ? usdToMicros(f.highUsd) : null,
  };
}

function toAwsAnomaly(
  a: CostExplorerAnomaly,
  feedback: AnomalyFeedback | null,
): AwsCostAnomaly {
  return {
    id: a.id,
    startDay: a.startDate?.slice(0, 10) ?? null,
    endDay: a.endDate?.slice(0, 10) ?? null,
    series: a.dimensionValue ?? 'Total',
    maxScore: a.maxScore,
    impactMicros:
      a.totalImpactUsd !== undefined ? usdToMicros(a.totalImpactUsd) : null,
    feedback,
  };
}
