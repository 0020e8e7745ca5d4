import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  FinOpsOptimisation,
  IsoDay,
  TrustedAdvisorReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import { addDays, utcDayOf } from '../../domain/finops/dates';
import { usdToMicros } from '../../domain/finops/money';
import {
  measureSavings,
  SavingsDailyCost,
  savingsTargetOf,
  SAVINGS_SERVICES,
} from '../../domain/finops/savings';
import {
  summariseTrustedAdvisor,
  trustedAdvisorUnavailableReason,
} from '../../domain/finops/trustedAdvisor';
import type { CostExplorerSource } from '../../sources/costExplorer';
import type { TrustedAdvisorSource } from '../../sources/trustedAdvisor';
import { COST_HISTORY_DAYS } from './FinOpsService';
import type { FinOpsStore } from './FinOpsStore';
import { StoredRefresh } from './StoredRefresh';

const STATE_KEY = 'optimisation';

/** What one refresh stored: the savings targets' daily costs and Trusted Advisor's checks. */
export interface OptimisationState {
  refreshedAt: string;
  usage:
    | {
        state: 'ok';
        readAt: string;
        coverage: { from: IsoDay; to: IsoDay };
        rows: SavingsDailyCost[];
      }
    | { state: 'unavailable'; reason: string };
  /** The last good usage read, kept when a later one fails: older figures beat none. */
  lastGoodUsage?: Extract<OptimisationState['usage'], { state: 'ok' }>;
  trustedAdvisor: TrustedAdvisorReport;
}

export interface OptimisationServiceOptions {
  costExplorer: CostExplorerSource;
  trustedAdvisor: TrustedAdvisorSource;
  store: FinOpsStore;
  /** The day the hardening changes went live (config prodHardening.finops.savingsChangeDay). */
  savingsChangeDay?: IsoDay;
  endpoint?: string;
  logger?: LoggerService;
  now?: () => Date;
}

/**
 * The seed's savings targets and Trusted Advisor's cost checks. Like the rest of FinOps,
 * AWS is read only by the scheduled refresh (one billed Cost Explorer request a day);
 * page views compute the targets from what it stored.
 */
export class OptimisationService {
  private readonly now: () => Date;
  private readonly read: StoredRefresh;

  constructor(private readonly options: OptimisationServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.read = new StoredRefresh({
      store: options.store,
      stateKey: STATE_KEY,
      now: this.now,
      run: () => this.doRefresh(),
    });
  }

  /**
   * Refreshes unless the stored data is younger than `maxAgeMs`, after `after` settles
   * (the start-up run waits for the daily-cost refresh). Page views wait for it too.
   */
  refreshIfStale(maxAgeMs: number, after?: Promise<unknown>): Promise<boolean> {
    return this.read.runIfStale(maxAgeMs, after);
  }

  refresh(): Promise<void> {
    return this.read.run();
  }

  private async doRefresh(): Promise<void> {
    const { costExplorer, trustedAdvisor, store, logger } = this.options;
    const now = this.now();
    const nowIso = now.toISOString();
    const today = utcDayOf(now);
    const from = addDays(today, -COST_HISTORY_DAYS);
    const previous = await store.getState<OptimisationState>(STATE_KEY);

    let usage: OptimisationState['usage'];
    try {
      const raw = await costExplorer.getDailyCostByUsageType(
        from,
        today,
        SAVINGS_SERVICES,
      );
      const byDayTarget = new Map<string, SavingsDailyCost>();
      for (const r of raw) {
        const target = savingsTargetOf(r.service, r.usageType);
        if (!target) continue;
        const key = `${r.day}|${target}`;
        const row = byDayTarget.get(key) ?? {
          day: r.day,
          target,
          amountMicros: 0,
        };
        row.amountMicros += usdToMicros(r.amountUsd);
        byDayTarget.set(key, row);
      }
      usage = {
        state: 'ok',
        readAt: nowIso,
        coverage: { from, to: addDays(today, -1) },
        rows: [...byDayTarget.values()],
      };
    } catch (err) {
      usage = {
        state: 'unavailable',
        reason: describeAwsError(err, this.options.endpoint),
      };
    }

    let advisor: TrustedAdvisorReport;
    try {
      advisor = summariseTrustedAdvisor(
        await trustedAdvisor.getCostOptimizingChecks(),
        nowIso,
      );
    } catch (err) {
      advisor = {
        state: 'not-available',
        reason: trustedAdvisorUnavailableReason(
          (err as Error)?.name,
          describeAwsError(err, this.options.endpoint),
        ),
      };
    }

    const state: OptimisationState = {
      refreshedAt: nowIso,
      usage,
      lastGoodUsage:
        usage.state === 'ok'
          ? undefined
          : previous?.usage.state === 'ok'
          ? previous.usage
          : previous?.lastGoodUsage,
      trustedAdvisor: advisor,
    };
    await store.setState(STATE_KEY, state, now);
    logger?.info(
      `FinOps: savings usage ${usage.state}, Trusted Advisor ${advisor.state}`,
    );
  }

  async getOptimisation(): Promise<FinOpsOptimisation> {
    await this.read.settled();
    const state = await this.options.store.getState<OptimisationState>(
      STATE_KEY,
    );
    const usage =
      state?.usage.state === 'ok' ? state.usage : state?.lastGoodUsage;
    const targets = measureSavings({
      rows: usage?.rows ?? [],
      changeDay: this.options.savingsChangeDay,
      coverage: usage?.coverage,
    });
    return {
      generatedAt: this.now().toISOString(),
      changeDay: this.options.savingsChangeDay,
      usageRefreshedAt: usage?.readAt,
      usageUnavailableReason:
        state?.usage.state === 'unavailable' ? state.usage.reason : undefined,
      targets,
      trustedAdvisor: state?.trustedAdvisor ?? { state: 'not-read-yet' },
    };
  }
}
