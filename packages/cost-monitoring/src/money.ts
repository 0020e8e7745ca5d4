/**
 * Amounts are stored as integer micro-dollars (1 USD = 1,000,000 µ$): sums of
 * integers never drift the way sums of binary fractions do, and a micro-dollar is
 * below the price of one token at every current model's rate.
 */
export const MICROS_PER_USD = 1_000_000;

/** The largest amount one entry may carry ($1M), far inside Number.MAX_SAFE_INTEGER µ$. */
export const MAX_ENTRY_USD = 1_000_000;

/** USD → integer micro-dollars, rounded half away from zero. Throws on bad input. */
export function usdToMicros(usd: number): number {
  if (!Number.isFinite(usd)) {
    throw new RangeError(`amount must be a finite number, got ${usd}`);
  }
  const micros = Math.sign(usd) * Math.round(Math.abs(usd) * MICROS_PER_USD);
  if (!Number.isSafeInteger(micros)) {
    throw new RangeError(`amount ${usd} USD is too large to store exactly`);
  }
  return micros === 0 ? 0 : micros;
}

/** Integer micro-dollars → USD (for display and for the seed's `number` return types). */
export function microsToUsd(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** Exact sum of micro-dollar amounts (throws if the total leaves the safe-integer range). */
export function sumMicros(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) {
    throw new RangeError('micro-dollar total exceeds the safe-integer range');
  }
  return total;
}
