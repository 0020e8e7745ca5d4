import { InputError } from '@backstage/errors';
import type {
  AmountChange,
  CostDimension,
  DailyCost,
  DayRange,
  IsoDay,
  Mover,
  MoverStatus,
  WeekOverWeekTable,
  WeekPeriods,
} from '@prod-hardening/plugin-prod-hardening-common';
import { addDays, dayRange, dayToEpochMs, utcDayOf } from './dates';
import { assertMicros, percentChange } from './money';

/** The last 7 complete UTC days before `now`, and the 7 days before those. */
export function weekPeriods(now: Date): WeekPeriods {
  const today = utcDayOf(now);
  return {
    current: dayRange(addDays(today, -7), addDays(today, -1)),
    previous: dayRange(addDays(today, -14), addDays(today, -8)),
  };
}

/** Which of the two weeks a day belongs to, if either. */
export function weekOf(
  periods: WeekPeriods,
  day: IsoDay,
): 'current' | 'previous' | undefined {
  const within = (range: DayRange) => day >= range.from && day <= range.to;
  if (within(periods.current)) return 'current';
  return within(periods.previous) ? 'previous' : undefined;
}

export function amountChange(
  currentMicros: number,
  previousMicros: number,
): AmountChange {
  return {
    currentMicros,
    previousMicros,
    changeMicros: currentMicros - previousMicros,
    changePercent: percentChange(currentMicros, previousMicros),
  };
}

export function moverStatus(
  currentMicros: number,
  previousMicros: number,
): MoverStatus {
  if (previousMicros === 0) return 'new';
  if (currentMicros === 0) return 'disappeared';
  if (currentMicros > previousMicros) return 'up';
  return currentMicros < previousMicros ? 'down' : 'flat';
}

/** Largest absolute change first; then the larger current amount; then by name. */
export function compareMovers(a: Mover, b: Mover): number {
  return (
    Math.abs(b.changeMicros) - Math.abs(a.changeMicros) ||
    b.currentMicros - a.currentMicros ||
    a.key.localeCompare(b.key)
  );
}

/** Sums of each key over the current and the previous week; rows outside both are ignored. */
export function sumByWeek<T extends DailyCost>(
  periods: WeekPeriods,
  rows: readonly T[],
  keyOf: (row: T) => string,
): Map<string, { current: number; previous: number }> {
  const sums = new Map<string, { current: number; previous: number }>();
  for (const row of rows) {
    dayToEpochMs(row.day);
    assertMicros(row.amountMicros, `the amount of ${row.day}`);
    const week = weekOf(periods, row.day);
    if (week) {
      const key = keyOf(row);
      const sum = sums.get(key) ?? { current: 0, previous: 0 };
      sum[week] += row.amountMicros;
      sums.set(key, sum);
    }
  }
  return sums;
}

export interface WeekOverWeekInput<T extends DailyCost> {
  now: Date;
  dimension: CostDimension;
  rows: readonly T[];
  /** The name a row is grouped under, e.g. `row => row.service`. */
  keyOf: (row: T) => string;
  /** How many movers to list; the rest are summed into `others`. Default 5. */
  topN?: number;
}

/**
 * Last 7 complete days against the 7 before, in total and per key, the largest absolute
 * changes first. A key with $0 in both weeks is left out; one with $0 in the previous
 * week is "new" (no percent change), one with $0 this week "disappeared" (−100%).
 */
export function compareWeeks<T extends DailyCost>(
  input: WeekOverWeekInput<T>,
): WeekOverWeekTable {
  const topN = input.topN ?? 5;
  if (!Number.isInteger(topN) || topN < 0) {
    throw new InputError('topN must be a whole number ≥ 0');
  }
  const sums = sumByWeek(weekPeriods(input.now), input.rows, input.keyOf);
  const all: Mover[] = [...sums.entries()]
    .filter(([, s]) => s.current !== 0 || s.previous !== 0)
    .map(([key, s]) => ({
      key,
      status: moverStatus(s.current, s.previous),
      ...amountChange(s.current, s.previous),
    }))
    .sort(compareMovers);
  const movers = all.slice(0, topN);
  const rest = all.slice(topN);
  const sum = (list: Mover[], pick: (m: Mover) => number) =>
    list.reduce((acc, m) => acc + pick(m), 0);
  return {
    dimension: input.dimension,
    ...amountChange(
      sum(all, m => m.currentMicros),
      sum(all, m => m.previousMicros),
    ),
    movers,
    others: {
      count: rest.length,
      ...amountChange(
        sum(rest, m => m.currentMicros),
        sum(rest, m => m.previousMicros),
      ),
    },
  };
}
