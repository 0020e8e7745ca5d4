import type {
  BudgetStatus,
  CostForecast,
  ServiceDailyCost,
} from '@prod-hardening/plugin-prod-hardening-common';

const MICROS_PER_USD = 1_000_000;

export const toUsd = (micros: number) => micros / MICROS_PER_USD;

/** "$1,234.56"; unit costs (under a cent) keep up to four decimals. */
export function formatUsd(micros: number | null | undefined): string {
  if (micros === null || micros === undefined) return '—';
  const usd = toUsd(micros);
  const small = Math.abs(usd) > 0 && Math.abs(usd) < 0.01;
  return usd.toLocaleString('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: small ? 4 : 2,
    maximumFractionDigits: small ? 4 : 2,
  });
}

/** "+12.3%", "-4.0%", or "new" when there was nothing to compare with. */
export function formatChange(percent: number | null | undefined): string {
  if (percent === null || percent === undefined) return 'new';
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

export type BudgetState = 'over' | 'forecast-over' | 'on-track';

export interface BudgetGauge {
  limitUsd: number;
  actualUsd: number;
  /** The forecast the page leads with: AWS Budgets', else ours (run rate). */
  forecastUsd: number | null;
  /** The scale of the gauge: the largest figure plus some room. */
  maxUsd: number;
  marks: Array<{ label: string; usd: number }>;
  state: BudgetState;
}

/**
 * The budget gauge: actual and forecast against the limit, with the 80% (forecasted)
 * and 100% (actual) notification thresholds as marks. Pure.
 */
export function budgetGauge(
  budget: BudgetStatus,
  ownForecast: CostForecast | null,
): BudgetGauge {
  const limitUsd = toUsd(budget.limitMicros);
  const actualUsd = toUsd(budget.actualMicros);
  const forecastMicros =
    budget.forecastMicros ?? ownForecast?.runRate.monthEndMicros ?? null;
  const forecastUsd = forecastMicros === null ? null : toUsd(forecastMicros);
  const marks = budget.notifications.map(n => ({
    label: `${n.threshold}${n.thresholdType === 'PERCENTAGE' ? '%' : ' USD'} ${
      n.notificationType === 'FORECASTED' ? 'forecasted' : 'actual'
    }`,
    usd: toUsd(n.thresholdMicros),
  }));
  const maxUsd =
    Math.max(limitUsd, actualUsd, forecastUsd ?? 0, ...marks.map(m => m.usd)) *
    1.1;
  let state: BudgetState = 'on-track';
  if (actualUsd > limitUsd) state = 'over';
  else if (forecastUsd !== null && forecastUsd > limitUsd)
    state = 'forecast-over';
  return { limitUsd, actualUsd, forecastUsd, maxUsd, marks, state };
}

export interface DailyCostChart {
  /** Series stacked in the chart, largest first; the rest are summed into "Other". */
  services: string[];
  rows: Array<
    { day: string } & Record<
      string,
      number | string | [number, number] | undefined
    >
  >;
}

export const OTHER_SERVICES = 'Other';

/**
 * Rows for the daily cost chart: the last `days` complete days stacked by service (the
 * `topN` largest, the rest as "Other"), then the remaining days of the forecast month
 * with the forecast (`forecast`) and its band (`band`, [low, high]). Amounts in USD. Pure.
 */
export function dailyCostChart(
  serviceCosts: readonly ServiceDailyCost[],
  forecast: CostForecast | null,
  options: { days?: number; topN?: number } = {},
): DailyCostChart {
  const days = options.days ?? 30;
  const topN = options.topN ?? 6;
  const allDays = [...new Set(serviceCosts.map(r => r.day))].sort();
  const shown = new Set(allDays.slice(-days));
  const totals = new Map<string, number>();
  for (const r of serviceCosts) {
    if (!shown.has(r.day)) continue;
    totals.set(r.service, (totals.get(r.service) ?? 0) + r.amountMicros);
  }
  const ranked = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([service]) => service);
  const top = ranked.slice(0, topN);
  const services = ranked.length > topN ? [...top, OTHER_SERVICES] : top;
  const topSet = new Set(top);
  const byDay = new Map<string, Record<string, number>>();
  for (const day of shown) byDay.set(day, {});
  for (const r of serviceCosts) {
    const row = byDay.get(r.day);
    if (!row) continue;
    const key = topSet.has(r.service) ? r.service : OTHER_SERVICES;
    row[key] = (row[key] ?? 0) + r.amountMicros;
  }
  const rows: DailyCostChart['rows'] = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, sums]) => ({
      day,
      ...Object.fromEntries(services.map(s => [s, toUsd(sums[s] ?? 0)])),
    }));
  const lastActual = rows.length ? rows[rows.length - 1].day : '';
  for (const p of forecast?.points ?? []) {
    if (p.day <= lastActual || p.holtMicros === undefined) continue;
    rows.push({
      day: p.day,
      forecast: toUsd(p.holtMicros),
      band: [
        toUsd(p.holtLowMicros ?? p.holtMicros),
        toUsd(p.holtHighMicros ?? p.holtMicros),
      ],
    });
  }
  return { services, rows };
}
