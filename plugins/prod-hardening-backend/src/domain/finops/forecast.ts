import { InputError } from '@backstage/errors';
import type {
  BudgetBurn,
  BudgetExhaustion,
  CostForecast,
  DailyCost,
  ForecastParameters,
  ForecastPoint,
  IsoDay,
  IsoMonth,
  MethodForecast,
  MicroUsd,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  addDays,
  daysBetween,
  daysInMonth,
  eachDay,
  firstDayOfMonth,
  lastDayOfMonth,
  monthOf,
  utcDayOf,
} from './dates';
import { assertMicros } from './money';
import { DailySeries } from './series';
import { mean } from './stats';

/**
 * Defaults, explained in the README: a week of run rate (one full weekly cycle), Holt
 * fitted on four weeks, a level that mostly follows the last few days (alpha 0.3), a
 * slowly changing trend (beta 0.1), no damping, and an 80% band (z = 1.2816).
 */
export const DEFAULT_FORECAST_PARAMETERS: ForecastParameters = {
  runRateDays: 7,
  historyDays: 28,
  alpha: 0.3,
  beta: 0.1,
  phi: 1,
  bandZ: 1.2816,
};

export interface ForecastInput {
  /** The clock: days before the UTC day of `now` are complete, `now`'s own day is not. */
  now: Date;
  /** The month to forecast; defaults to the month of `now` (UTC). */
  month?: IsoMonth;
  budgetMicros: MicroUsd;
  /**
   * Daily cost of the whole account. Rows of the same day add up, so per-service rows can
   * be passed as they are. Rows from today on are ignored (the day is not over). A day
   * without rows costs $0, but days before the first row are not history at all: an
   * account with five days of data is forecast from five days, not 28 with 23 zeros.
   */
  daily: readonly DailyCost[];
  parameters?: Partial<ForecastParameters>;
}

/** State of a fitted Holt model after the last observed day. */
export interface HoltFit {
  level: number;
  trend: number;
  /** Root mean square of the one-day-ahead errors over the fitted days (0 with < 2 days). */
  sigma: number;
}

type HoltParameters = Pick<ForecastParameters, 'alpha' | 'beta' | 'phi'>;

/**
 * Fits Holt's linear method (double exponential smoothing), with optional trend damping:
 *   level_t = alpha·y_t + (1 − alpha)·(level_{t−1} + phi·trend_{t−1})
 *   trend_t = beta·(level_t − level_{t−1}) + (1 − beta)·phi·trend_{t−1}
 * It starts from the first day's cost and the average slope over the first week (up to
 * seven steps), which cancels a weekly pattern that a first-difference start would pick up.
 */
export function fitHolt(
  values: readonly number[],
  { alpha, beta, phi }: HoltParameters,
): HoltFit {
  if (values.length === 0) {
    return { level: 0, trend: 0, sigma: 0 };
  }
  const steps = Math.min(7, values.length - 1);
  let level = values[0];
  let trend = steps > 0 ? (values[steps] - values[0]) / steps : 0;
  let squaredErrors = 0;
  for (let t = 1; t < values.length; t++) {
    const predicted = level + phi * trend;
    squaredErrors += (values[t] - predicted) ** 2;
    const previousLevel = level;
    level = alpha * values[t] + (1 - alpha) * predicted;
    trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
  }
  const sigma =
    values.length > 1 ? Math.sqrt(squaredErrors / (values.length - 1)) : 0;
  return { level, trend, sigma };
}

/** phi + phi² + … + phi^h: how many trend steps h days ahead adds (h when phi = 1). */
function dampedSteps(phi: number, h: number): number {
  let sum = 0;
  let power = 1;
  for (let i = 1; i <= h; i++) {
    power *= phi;
    sum += power;
  }
  return sum;
}

/** The point forecast h ≥ 1 days after the last fitted day (may be negative; callers clamp). */
export function holtPointForecast(
  fit: HoltFit,
  h: number,
  phi: number,
): number {
  return fit.level + dampedSteps(phi, h) * fit.trend;
}

/**
 * Standard deviation of the h-days-ahead error, from the one-day error and the
 * state-space form of Holt's method: sigma·√(1 + Σ_{j=1}^{h−1} (alpha·(1 + beta·φ_j))²),
 * with φ_j = phi + … + phi^j. The band therefore widens the further out the day is.
 */
export function holtStdDev(
  fit: HoltFit,
  h: number,
  { alpha, beta, phi }: HoltParameters,
): number {
  let variance = 1;
  for (let j = 1; j < h; j++) {
    variance += (alpha * (1 + beta * dampedSteps(phi, j))) ** 2;
  }
  return fit.sigma * Math.sqrt(variance);
}

function resolveParameters(
  overrides: Partial<ForecastParameters> = {},
): ForecastParameters {
  const p = { ...DEFAULT_FORECAST_PARAMETERS, ...overrides };
  const check = (ok: boolean, message: string) => {
    if (!ok) throw new InputError(`forecast parameters: ${message}`);
  };
  check(
    Number.isInteger(p.runRateDays) && p.runRateDays >= 1,
    'runRateDays must be a whole number ≥ 1',
  );
  check(
    Number.isInteger(p.historyDays) && p.historyDays >= 2,
    'historyDays must be a whole number ≥ 2',
  );
  check(p.alpha > 0 && p.alpha <= 1, 'alpha must be in (0, 1]');
  check(p.beta >= 0 && p.beta <= 1, 'beta must be in [0, 1]');
  check(p.phi > 0 && p.phi <= 1, 'phi must be in (0, 1]');
  check(
    p.bandZ >= 0 && Number.isFinite(p.bandZ),
    'bandZ must be a finite number ≥ 0',
  );
  return p;
}

/** The values of the `days` complete days ending at `lastComplete`, never before the data starts. */
function trailingWindow(
  series: DailySeries,
  lastComplete: IsoDay,
  days: number,
): number[] {
  const first = series.firstDay;
  if (first === undefined || first > lastComplete) {
    return [];
  }
  const start = addDays(lastComplete, -(days - 1));
  return series.values(start > first ? start : first, lastComplete);
}

function firstDayReaching(
  points: ForecastPoint[],
  budgetMicros: MicroUsd,
  cumulative: (p: ForecastPoint) => MicroUsd,
): BudgetExhaustion | null {
  const point = points.find(p => cumulative(p) >= budgetMicros);
  if (!point) {
    return null;
  }
  return {
    day: point.day,
    basis: point.actualMicros === undefined ? 'forecast' : 'actual',
  };
}

/**
 * Month-end forecast of a month's spend by two methods, the date the budget runs out,
 * and the burn rate against the rate the budget allows. See the README for the models.
 */
export function forecastMonth(input: ForecastInput): CostForecast {
  const parameters = resolveParameters(input.parameters);
  const budgetMicros = assertMicros(input.budgetMicros, 'the budget');
  if (budgetMicros <= 0) {
    throw new InputError('the budget must be more than $0');
  }
  const today = utcDayOf(input.now);
  const lastComplete = addDays(today, -1);
  const month = input.month ?? monthOf(today);
  const monthStart = firstDayOfMonth(month);
  const monthDays = daysInMonth(month);
  const series = DailySeries.from(input.daily, today);

  const elapsedDays = Math.min(
    Math.max(daysBetween(monthStart, today), 0),
    monthDays,
  );
  const runRateWindow = trailingWindow(
    series,
    lastComplete,
    parameters.runRateDays,
  );
  const runRate = mean(runRateWindow);
  const fit = fitHolt(
    trailingWindow(series, lastComplete, parameters.historyDays),
    parameters,
  );

  const points: ForecastPoint[] = [];
  let monthToDate = 0;
  let cumulativeRunRate = 0;
  let cumulativeHolt = 0;
  let cumulativeLow = 0;
  let cumulativeHigh = 0;
  eachDay(monthStart, lastDayOfMonth(month)).forEach((day, index) => {
    const budgetPaceMicros = Math.round(
      (budgetMicros * (index + 1)) / monthDays,
    );
    if (day < today) {
      const actualMicros = series.get(day);
      monthToDate += actualMicros;
      cumulativeRunRate += actualMicros;
      cumulativeHolt += actualMicros;
      cumulativeLow += actualMicros;
      cumulativeHigh += actualMicros;
      points.push({
        day,
        actualMicros,
        cumulativeRunRateMicros: cumulativeRunRate,
        cumulativeHoltMicros: cumulativeHolt,
        budgetPaceMicros,
      });
      return;
    }
    const h = daysBetween(lastComplete, day);
    const runRateMicros = Math.max(0, Math.round(runRate));
    const holt = Math.max(0, holtPointForecast(fit, h, parameters.phi));
    const spread = parameters.bandZ * holtStdDev(fit, h, parameters);
    const holtMicros = Math.round(holt);
    const holtLowMicros = Math.max(0, Math.round(holt - spread));
    const holtHighMicros = Math.round(holt + spread);
    cumulativeRunRate += runRateMicros;
    cumulativeHolt += holtMicros;
    cumulativeLow += holtLowMicros;
    cumulativeHigh += holtHighMicros;
    points.push({
      day,
      runRateMicros,
      holtMicros,
      holtLowMicros,
      holtHighMicros,
      cumulativeRunRateMicros: cumulativeRunRate,
      cumulativeHoltMicros: cumulativeHolt,
      budgetPaceMicros,
    });
  });

  const percentOfBudget = (micros: MicroUsd) => (micros / budgetMicros) * 100;
  const runRateForecast: MethodForecast = {
    method: 'runRate',
    monthEndMicros: cumulativeRunRate,
    percentOfBudget: percentOfBudget(cumulativeRunRate),
    exhaustion: firstDayReaching(
      points,
      budgetMicros,
      p => p.cumulativeRunRateMicros,
    ),
  };
  const holtForecast: MethodForecast = {
    method: 'holt',
    monthEndMicros: cumulativeHolt,
    monthEndLowMicros: cumulativeLow,
    monthEndHighMicros: cumulativeHigh,
    percentOfBudget: percentOfBudget(cumulativeHolt),
    exhaustion: firstDayReaching(
      points,
      budgetMicros,
      p => p.cumulativeHoltMicros,
    ),
  };

  const allowedDailyMicros = budgetMicros / monthDays;
  const proRatedBudgetMicros = Math.round(
    (budgetMicros * elapsedDays) / monthDays,
  );
  const burn: BudgetBurn = {
    budgetMicros,
    daysInMonth: monthDays,
    elapsedDays,
    remainingDays: monthDays - elapsedDays,
    monthToDateMicros: monthToDate,
    proRatedBudgetMicros,
    overProRatedMicros: monthToDate - proRatedBudgetMicros,
    percentOfProRated:
      proRatedBudgetMicros > 0
        ? (monthToDate / proRatedBudgetMicros) * 100
        : null,
    allowedDailyMicros,
    burnRateDailyMicros: runRate,
    burnRatio: runRate / allowedDailyMicros,
    averageDailyMicros: elapsedDays > 0 ? monthToDate / elapsedDays : null,
  };

  return {
    month,
    asOf: lastComplete,
    budgetMicros,
    burn,
    runRate: runRateForecast,
    holt: holtForecast,
    parameters,
    points,
  };
}
