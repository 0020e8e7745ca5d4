import { InputError } from '@backstage/errors';
import type { MicroUsd } from '@prod-hardening/plugin-prod-hardening-common';

/**
 * Money is integer micro-dollars everywhere in the FinOps domain (see the README):
 * integers add exactly, and one micro-dollar resolves the price of a single AI request.
 */
export const MICROS_PER_USD = 1_000_000;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Converts dollars to micro-dollars. A decimal string (Cost Explorer answers with strings
 * such as "25.1234567891") is converted digit by digit, without passing through a float,
 * and rounded half away from zero at the sixth decimal.
 */
export function usdToMicros(usd: number | string): MicroUsd {
  if (typeof usd === 'number') {
    if (!Number.isFinite(usd)) {
      throw new InputError(`${usd} is not a finite amount of dollars`);
    }
    return assertMicros(Math.round(usd * MICROS_PER_USD), 'amount');
  }
  const match = DECIMAL.exec(usd.trim());
  if (!match) {
    throw new InputError(`"${usd}" is not a decimal amount of dollars`);
  }
  const [, sign, whole, fraction = ''] = match;
  const digits = fraction.padEnd(7, '0');
  const roundUp = Number(digits[6]) >= 5 ? 1 : 0;
  const magnitude =
    Number(whole) * MICROS_PER_USD + Number(digits.slice(0, 6)) + roundUp;
  return assertMicros(
    sign === '-' && magnitude !== 0 ? -magnitude : magnitude,
    'amount',
  );
}

export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** Throws unless the value is an integer number of micro-dollars within the safe range. */
export function assertMicros(value: number, what: string): MicroUsd {
  if (!Number.isSafeInteger(value)) {
    throw new InputError(
      `${what} must be a whole number of micro-dollars, got ${value}`,
    );
  }
  return value;
}

/** Exact sum of micro-dollar amounts; throws if it leaves the safe-integer range. */
export function sumMicros(values: Iterable<MicroUsd>): MicroUsd {
  let total = 0;
  for (const value of values) {
    total += value;
  }
  return assertMicros(total, 'a sum');
}

/** (current − previous) ÷ previous × 100, or null when there is nothing to compare with. */
export function percentChange(
  current: number,
  previous: number,
): number | null {
  return previous === 0
    ? null
    : ((current - previous) / Math.abs(previous)) * 100;
}
