import type {
  DailyCost,
  IsoDay,
  MicroUsd,
} from '@prod-hardening/plugin-prod-hardening-common';
import { dayToEpochMs, eachDay } from './dates';
import { assertMicros } from './money';

/**
 * Daily totals of one series: rows for the same day are added. Days are validated and
 * amounts must be whole micro-dollars. Negative amounts (credits, refunds) are allowed.
 */
export class DailySeries {
  private readonly byDay = new Map<IsoDay, MicroUsd>();
  private first: IsoDay | undefined;

  static from(rows: Iterable<DailyCost>, before?: IsoDay): DailySeries {
    const series = new DailySeries();
    for (const row of rows) {
      series.add(row.day, row.amountMicros, before);
    }
    return series;
  }

  /** Adds an amount; ignored when `before` is given and the day is not earlier. */
  add(day: IsoDay, amountMicros: MicroUsd, before?: IsoDay): void {
    dayToEpochMs(day);
    assertMicros(amountMicros, `the amount of ${day}`);
    if (before !== undefined && day >= before) {
      return;
    }
    this.byDay.set(day, (this.byDay.get(day) ?? 0) + amountMicros);
    if (this.first === undefined || day < this.first) {
      this.first = day;
    }
  }

  /** The earliest day with a row, or undefined for an empty series. */
  get firstDay(): IsoDay | undefined {
    return this.first;
  }

  /** The amount of a day; a day without rows costs 0. */
  get(day: IsoDay): MicroUsd {
    return this.byDay.get(day) ?? 0;
  }

  /** Amounts of every day from `from` to `to` (both included), missing days as 0. */
  values(from: IsoDay, to: IsoDay): MicroUsd[] {
    return eachDay(from, to).map(day => this.get(day));
  }
}

/** Groups rows by a key into one series each. */
export function seriesByKey<T extends DailyCost>(
  rows: Iterable<T>,
  keyOf: (row: T) => string,
  before?: IsoDay,
): Map<string, DailySeries> {
  const result = new Map<string, DailySeries>();
  for (const row of rows) {
    const key = keyOf(row);
    let series = result.get(key);
    if (!series) {
      series = new DailySeries();
      result.set(key, series);
    }
    series.add(row.day, row.amountMicros, before);
  }
  return result;
}
