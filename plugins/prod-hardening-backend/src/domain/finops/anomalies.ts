import { InputError } from '@backstage/errors';
import type {
  AnomalyScoreMethod,
  CostAnomaly,
  CostDimension,
  DailyCost,
  IsoDay,
  MicroUsd,
  ServiceDailyCost,
} from '@prod-hardening/plugin-prod-hardening-common';
import { addDays, daysBetween, eachDay, utcDayOf } from './dates';
import { DailySeries } from './series';
import { mean, median } from './stats';

export interface AnomalyOptions {
  /** Days before the checked day that make up its baseline. */
  windowDays: number;
  /** A day is unusual when |modified z-score| is above this. */
  threshold: number;
  /** …and when it is at least this far from the baseline, in micro-dollars. */
  minImpactMicros: MicroUsd;
  /** Days of baseline needed before a day is checked at all (the data may be young). */
  minHistoryDays: number;
  /** How many of the last complete days are checked. */
  evaluateDays: number;
  /** Report unusually low days too; off by default, a cost review looks for spikes. */
  includeDrops: boolean;
}

/**
 * 28 days: four whole weeks, so weekends weigh the same in every window. 3.5: the cut-off
 * Iglewicz and Hoaglin recommend for the modified z-score. $5: below that a day is not
 * worth a meeting's time on a ~$25/day account, however unusual it is.
 */
export const DEFAULT_ANOMALY_OPTIONS: AnomalyOptions = {
  windowDays: 28,
  threshold: 3.5,
  minImpactMicros: 5_000_000,
  minHistoryDays: 14,
  evaluateDays: 30,
  includeDrops: false,
};

/** Φ⁻¹(0.75): makes the MAD of normal data comparable to a standard deviation. */
const MAD_SCALE = 0.6745;
/** √(π/2): the same for the mean absolute deviation, the fallback when MAD is 0. */
const MEAN_AD_SCALE = 1.2533;

export interface AnomalyScore {
  /** The median of the window. */
  expected: number;
  /** Null when every value of the window is the same. */
  score: number | null;
  method: AnomalyScoreMethod;
}

/**
 * Modified z-score of a value against a window: 0.6745 × (value − median) ÷ MAD, where
 * MAD is the median of |x − median|. When more than half the window equals the median
 * MAD is 0, and the mean absolute deviation stands in: (value − median) ÷ (1.2533 × meanAD).
 * When that is 0 too the window is flat and no score exists.
 */
export function modifiedZScore(
  value: number,
  window: readonly number[],
): AnomalyScore {
  const expected = median(window);
  const deviations = window.map(x => Math.abs(x - expected));
  const mad = median(deviations);
  if (mad > 0) {
    return {
      expected,
      score: (MAD_SCALE * (value - expected)) / mad,
      method: 'mad',
    };
  }
  const meanAd = mean(deviations);
  if (meanAd > 0) {
    return {
      expected,
      score: (value - expected) / (MEAN_AD_SCALE * meanAd),
      method: 'meanAbsoluteDeviation',
    };
  }
  return { expected, score: null, method: 'flatBaseline' };
}

/** One series to check, e.g. the account total or one AWS service. */
export interface AnomalySeries {
  dimension: CostDimension;
  series: string;
  points: readonly DailyCost[];
}

export interface DetectAnomaliesInput {
  now: Date;
  series: readonly AnomalySeries[];
  options?: Partial<AnomalyOptions>;
}

function resolveOptions(
  overrides: Partial<AnomalyOptions> = {},
): AnomalyOptions {
  const o = { ...DEFAULT_ANOMALY_OPTIONS, ...overrides };
  const positiveInteger = (v: number) => Number.isInteger(v) && v >= 1;
  if (!positiveInteger(o.windowDays) || !positiveInteger(o.evaluateDays)) {
    throw new InputError(
      'anomaly options: windowDays and evaluateDays must be whole numbers ≥ 1',
    );
  }
  if (!positiveInteger(o.minHistoryDays) || o.minHistoryDays > o.windowDays) {
    throw new InputError(
      'anomaly options: minHistoryDays must be between 1 and windowDays',
    );
  }
  if (!(o.threshold > 0) || !(o.minImpactMicros >= 0)) {
    throw new InputError(
      'anomaly options: threshold must be > 0 and minImpactMicros ≥ 0',
    );
  }
  return o;
}

function compareAnomalies(a: CostAnomaly, b: CostAnomaly): number {
  if (a.day !== b.day) return a.day < b.day ? 1 : -1;
  const impact = Math.abs(b.impactMicros) - Math.abs(a.impactMicros);
  if (impact !== 0) return impact;
  if (a.dimension !== b.dimension)
    return a.dimension === 'total' ? -1 : b.dimension === 'total' ? 1 : 0;
  return a.series.localeCompare(b.series);
}

/**
 * Checks each of the last `evaluateDays` complete days of every series against the
 * `windowDays` days before it. A day is an anomaly when its modified z-score passes the
 * threshold (or, on a flat baseline, when it differs at all) AND its distance from the
 * median is at least `minImpactMicros`. Missing days inside the data count as $0; days
 * before the earliest row of any series are not history. Newest first, largest impact first.
 */
export function detectAnomalies(input: DetectAnomaliesInput): CostAnomaly[] {
  const options = resolveOptions(input.options);
  const today = utcDayOf(input.now);
  const lastComplete = addDays(today, -1);
  const prepared = input.series.map(s => ({
    ...s,
    daily: DailySeries.from(s.points, today),
  }));
  const dataStart = prepared
    .map(s => s.daily.firstDay)
    .filter((d): d is IsoDay => d !== undefined)
    .sort()[0];
  if (dataStart === undefined) {
    return [];
  }

  const anomalies: CostAnomaly[] = [];
  for (const day of eachDay(
    addDays(today, -options.evaluateDays),
    lastComplete,
  )) {
    const windowEnd = addDays(day, -1);
    const windowStart = addDays(day, -options.windowDays);
    const start = windowStart > dataStart ? windowStart : dataStart;
    if (daysBetween(start, windowEnd) + 1 < options.minHistoryDays) {
      continue;
    }
    for (const { dimension, series, daily } of prepared) {
      const window = daily.values(start, windowEnd);
      const actualMicros = daily.get(day);
      const { expected, score, method } = modifiedZScore(actualMicros, window);
      const expectedMicros = Math.round(expected);
      const impactMicros = actualMicros - expectedMicros;
      const direction = impactMicros > 0 ? 'spike' : 'drop';
      const unusual =
        score === null
          ? actualMicros !== expected
          : Math.abs(score) > options.threshold;
      if (
        !unusual ||
        impactMicros === 0 ||
        Math.abs(impactMicros) < options.minImpactMicros ||
        (direction === 'drop' && !options.includeDrops)
      ) {
        continue;
      }
      anomalies.push({
        day,
        dimension,
        series,
        expectedMicros,
        actualMicros,
        impactMicros,
        score,
        scoreMethod: method,
        direction,
        windowDays: window.length,
      });
    }
  }
  return anomalies.sort(compareAnomalies);
}

/** The series name of the account total. */
export const TOTAL_SERIES = 'Total';

/** Anomalies of the account total and of each AWS service, from Cost Explorer rows. */
export function detectCostAnomalies(input: {
  now: Date;
  rows: readonly ServiceDailyCost[];
  options?: Partial<AnomalyOptions>;
}): CostAnomaly[] {
  const byService = new Map<string, ServiceDailyCost[]>();
  for (const row of input.rows) {
    const rows = byService.get(row.service) ?? [];
    rows.push(row);
    byService.set(row.service, rows);
  }
  const series: AnomalySeries[] = [
    { dimension: 'total', series: TOTAL_SERIES, points: input.rows },
    ...[...byService.keys()].sort().map(service => ({
      dimension: 'service' as const,
      series: service,
      points: byService.get(service)!,
    })),
  ];
  return detectAnomalies({ now: input.now, series, options: input.options });
}
