import type {
  FinOpsOverview,
  SuccessMetricsReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  computeSuccessMetrics,
  Read,
} from '../../domain/successMetrics/successMetrics';
import type { FinOpsService, OptimisationService } from '../finops';
import type { PostureService } from '../posture/PostureService';
import type { ThrottlingService } from '../throttling/ThrottlingService';

/** The rate-limiting metrics cover this many minutes of the limiter's counters. */
export const SUCCESS_METRICS_WINDOW_MINUTES = 60;

export interface SuccessMetricsServiceOptions {
  posture: PostureService;
  finops: FinOpsService;
  optimisation: OptimisationService;
  throttling: ThrottlingService;
  monthlyBudgetUsd: number;
  ecsClusters: readonly string[];
  now?: () => Date;
}

async function read<T>(load: () => Promise<T>): Promise<Read<T>> {
  try {
    return { state: 'ok', value: await load() };
  } catch (err) {
    return { state: 'unavailable', reason: (err as Error).message };
  }
}

/** The forecast the FinOps tab leads with: AWS Budgets', else Cost Explorer's, else ours. */
function leadingForecast(o: FinOpsOverview): number | null {
  return (
    o.budget?.forecastMicros ??
    o.awsForecast?.monthEndMicros ??
    o.forecast?.runRate.monthEndMicros ??
    null
  );
}

/**
 * The seed's success metrics from what the other features already serve: no AWS or
 * Redis read of its own beyond theirs (and their caches), so the panel is cheap.
 */
export class SuccessMetricsService {
  constructor(private readonly options: SuccessMetricsServiceOptions) {}

  async getReport(): Promise<SuccessMetricsReport> {
    const { posture, finops, optimisation, throttling } = this.options;
    const [report, findings, overview, savings, limiter] = await Promise.all([
      read(() => posture.getReport()),
      read(async () => {
        const page = await posture.getFindings({
          severity: ['HIGH', 'CRITICAL'],
          pageSize: 1,
        });
        if (page.unavailableReason) throw new Error(page.unavailableReason);
        return {
          high: page.bySeverity.HIGH ?? 0,
          critical: page.bySeverity.CRITICAL ?? 0,
        };
      }),
      read(() => finops.getOverview()),
      read(async () => (await optimisation.getOptimisation()).targets),
      read(async () => {
        const o = await throttling.getOverview(SUCCESS_METRICS_WINDOW_MINUTES);
        if (o.redis.state !== 'ok') throw new Error(o.redis.reason);
        return {
          totals: o.redis.totals,
          latency: o.redis.latency,
          windowMinutes: o.windowMinutes,
        };
      }),
    ]);
    return computeSuccessMetrics({
      generatedAt: (this.options.now?.() ?? new Date()).toISOString(),
      posture: report,
      findings,
      finops:
        overview.state === 'ok'
          ? {
              state: 'ok',
              value: {
                budget: overview.value.budget,
                forecastMonthEndMicros: leadingForecast(overview.value),
                monthlyBudgetMicros: Math.round(
                  this.options.monthlyBudgetUsd * 1_000_000,
                ),
              },
            }
          : overview,
      savings,
      throttling: limiter,
      ecsClusters: this.options.ecsClusters,
    });
  }
}
