/**
 * Unit prices as the AWS Price List states them, and the tier walk that turns a
 * monthly quantity into dollars. Pure: no I/O.
 */

/** One band of a tiered price: units in [beginRange, endRange) cost usdPerUnit each. */
export interface PriceTier {
  beginRange: number;
  /** Infinity for the last band ("Inf" in the Price List). */
  endRange: number;
  usdPerUnit: number;
}

/** The on-demand price of one Price List product (one SKU). */
export interface UnitPrice {
  sku: string;
  usagetype: string;
  /** The Price List's unit, e.g. "GB-Mo", "Events", "Metrics". */
  unit: string;
  /** Lowest band first; a flat price is one band from 0 to Infinity. */
  tiers: PriceTier[];
  /** The first band's description, e.g. "$0.20 per GB-month of PITR storage". */
  description: string;
}

/**
 * What `quantity` units cost a month when billed across the tiers from the first
 * unit. Tiers that count usage account-wide (CloudWatch metrics, Security Hub checks)
 * make this the price of the fix alone, as if nothing else used the tier.
 */
export function tieredCost(quantity: number, tiers: PriceTier[]): number {
  if (quantity <= 0) return 0;
  let total = 0;
  for (const tier of tiers) {
    if (quantity <= tier.beginRange) break;
    const units = Math.min(quantity, tier.endRange) - tier.beginRange;
    total += units * tier.usdPerUnit;
  }
  return total;
}

/** The first paid band's price per unit: what the assumptions quote. */
export function firstPaidRate(price: UnitPrice): number {
  return (
    price.tiers.find(t => t.usdPerUnit > 0)?.usdPerUnit ??
    price.tiers[0]?.usdPerUnit ??
    0
  );
}
