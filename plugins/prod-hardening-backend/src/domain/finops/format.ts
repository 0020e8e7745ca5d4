import { MICROS_PER_USD } from './money';

/**
 * Dollars as a plain decimal string for CSV: exact for whole micro-dollars (at most six
 * decimals), at least two decimals, no currency sign or thousands separator.
 */
export function usdDecimal(micros: number, maxDecimals = 6): string {
  const fixed = (micros / MICROS_PER_USD).toFixed(maxDecimals);
  const trimmed = fixed.replace(/(\.\d\d\d*?)0+$/, '$1');
  return /^-0\.0+$/.test(trimmed) ? trimmed.slice(1) : trimmed;
}

/** A number rounded to a few decimals for CSV, without exponent notation. */
export function roundedDecimal(value: number, decimals = 2): string {
  const fixed = value.toFixed(decimals);
  return /^-0\.?0*$/.test(fixed) ? fixed.slice(1) : fixed;
}

function withSeparators(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "$1,234.56" / "-$7.00"; with `signed`, "+$42.00" for a positive amount. */
export function formatUsd(
  micros: number,
  options: { signed?: boolean } = {},
): string {
  const cents = Math.round(micros / 10_000);
  const sign = cents < 0 ? '-' : options.signed && cents > 0 ? '+' : '';
  const abs = Math.abs(cents);
  return `${sign}$${withSeparators(String(Math.floor(abs / 100)))}.${String(
    abs % 100,
  ).padStart(2, '0')}`;
}

/**
 * A small unit cost with three significant digits: $0.0600, $0.00524, $0.000500. From
 * $1 up, cents as usual.
 */
export function formatUnitUsd(micros: number | null): string {
  if (micros === null) {
    return 'n/a';
  }
  const dollars = micros / MICROS_PER_USD;
  if (Math.abs(dollars) >= 1 || dollars === 0) {
    return formatUsd(micros);
  }
  const decimals = Math.min(
    8,
    Math.max(2, Math.ceil(-Math.log10(Math.abs(dollars))) + 2),
  );
  return `${dollars < 0 ? '-' : ''}$${Math.abs(dollars).toFixed(decimals)}`;
}

/** "+34.7%", "-50.0%", "0.0%"; null (nothing to compare with) as "n/a". */
export function formatSignedPercent(
  percent: number | null,
  decimals = 1,
): string {
  if (percent === null) {
    return 'n/a';
  }
  const rounded = percent.toFixed(decimals);
  if (/^-?0\.?0*$/.test(rounded)) {
    return `${rounded.replace('-', '')}%`;
  }
  return `${percent > 0 ? '+' : ''}${rounded}%`;
}
