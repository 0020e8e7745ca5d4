import { InputError } from '@backstage/errors';
import type {
  DayRange,
  IsoDay,
  IsoMonth,
} from '@prod-hardening/plugin-prod-hardening-common';

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Epoch milliseconds of the UTC midnight that starts the day; throws on a malformed day. */
export function dayToEpochMs(day: IsoDay): number {
  const match = ISO_DAY.exec(day);
  if (match) {
    const ms = Date.UTC(
      Number(match[1]),
      Number(match[2]) - 1,
      Number(match[3]),
    );
    // Date.UTC rolls 2025-02-30 over to March; a round trip catches it.
    if (new Date(ms).toISOString().slice(0, 10) === day) {
      return ms;
    }
  }
  throw new InputError(`"${day}" is not a calendar day written YYYY-MM-DD`);
}

/** The UTC day an instant falls on. */
export function utcDayOf(instant: Date): IsoDay {
  if (Number.isNaN(instant.getTime())) {
    throw new InputError('the clock value is not a valid date');
  }
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return new Date(dayToEpochMs(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: 1 for consecutive days, negative when `to` is earlier. */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((dayToEpochMs(to) - dayToEpochMs(from)) / DAY_MS);
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function eachDay(from: IsoDay, to: IsoDay): IsoDay[] {
  const count = daysBetween(from, to) + 1;
  return Array.from({ length: Math.max(count, 0) }, (_, i) => addDays(from, i));
}

export function dayRange(from: IsoDay, to: IsoDay): DayRange {
  return { from, to, days: Math.max(daysBetween(from, to) + 1, 0) };
}

export function monthOf(day: IsoDay): IsoMonth {
  dayToEpochMs(day);
  return day.slice(0, 7);
}

function parseMonth(month: IsoMonth): [number, number] {
  const match = ISO_MONTH.exec(month);
  const year = Number(match?.[1]);
  const monthIndex = Number(match?.[2]) - 1;
  if (!match || monthIndex < 0 || monthIndex > 11) {
    throw new InputError(`"${month}" is not a month written YYYY-MM`);
  }
  return [year, monthIndex];
}

/** 28 to 31, leap years included. */
export function daysInMonth(month: IsoMonth): number {
  const [year, monthIndex] = parseMonth(month);
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

export function firstDayOfMonth(month: IsoMonth): IsoDay {
  parseMonth(month);
  return `${month}-01`;
}

export function lastDayOfMonth(month: IsoMonth): IsoDay {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}
