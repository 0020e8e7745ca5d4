import type { FixCost } from '@prod-hardening/plugin-prod-hardening-common';
import type { UnitPrice } from './prices';

/**
 * One Price List product an estimate needs: GetProducts on `serviceCode` with the
 * region's `regionCode` and these attribute filters (exact matches), then the product
 * whose usage type ends with `usagetype` (the region prefix differs per region).
 */
export interface PriceQuery {
  serviceCode: string;
  filters: Record<string, string>;
  usagetype: string;
}

/** The unit prices an estimate asked for, by the names it gave them. */
export type Prices<K extends string> = Record<K, UnitPrice>;

/** What the estimators answer: the wire type shared with the frontend. */
export type { FixCost };

export const GB = 1024 ** 3;

/** A change AWS does not bill. */
export function noCharge(why: string): FixCost {
  return {
    monthlyUsd: 0,
    currency: 'USD',
    assumptions: [`No charge: ${why}`],
    source: 'aws-price-list',
  };
}

/** No estimate, and why: shown as "Cost unknown: <reason>". */
export function unknownCost(reason: string): FixCost {
  return {
    monthlyUsd: null,
    currency: 'USD',
    assumptions: [],
    unknownReason: reason,
    source: 'aws-price-list',
  };
}

/** An estimate, rounded to the cent (a bill is never more precise). */
export function estimated(monthlyUsd: number, assumptions: string[]): FixCost {
  return {
    monthlyUsd: Math.round(monthlyUsd * 100) / 100,
    currency: 'USD',
    assumptions,
    source: 'aws-price-list',
  };
}

/** "$0.20 per GB-Mo" — how a unit price is quoted in the assumptions. */
export function quote(price: UnitPrice, rate: number): string {
  return `$${formatRate(rate)} per ${price.unit || 'unit'} (${
    price.usagetype
  })`;
}

/** A rate with the digits it needs: 0.2 → "0.20", 0.023 → "0.023", 0.000004 → "0.000004". */
export function formatRate(rate: number): string {
  if (rate === 0 || rate >= 1) return rate.toFixed(2);
  const digits = Number(rate.toPrecision(4)).toString();
  const decimals = digits.split('.')[1]?.length ?? 0;
  return decimals < 2 ? rate.toFixed(2) : digits;
}

/** Bytes as GB with two decimals, for the assumptions. */
export function formatGb(bytes: number): string {
  return `${(bytes / GB).toFixed(2)} GB`;
}

/** A count with thousands separators: 2000000 → "2,000,000". */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
