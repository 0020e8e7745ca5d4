import type {
  DailyCost,
  IsoDay,
} from '@prod-hardening/plugin-prod-hardening-common';
import { addDays } from './dates';
import { MICROS_PER_USD } from './money';

/** Test helpers: whole dollars to micro-dollars, and daily series built from a rule. */
export const usd = (dollars: number) => Math.round(dollars * MICROS_PER_USD);

export function dailySeries(
  from: IsoDay,
  days: number,
  dollarsOn: (index: number) => number,
): DailyCost[] {
  return Array.from({ length: days }, (_, i) => ({
    day: addDays(from, i),
    amountMicros: usd(dollarsOn(i)),
  }));
}
