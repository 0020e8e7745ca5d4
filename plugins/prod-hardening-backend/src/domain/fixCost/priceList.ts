import type { PriceTier, UnitPrice } from './prices';

/**
 * One entry of a GetProducts answer's PriceList: a JSON document (sent as a string)
 * with the product's attributes and its terms. Only the on-demand USD price is read.
 */
interface PriceListDocument {
  product?: { sku?: string; attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<
      string,
      {
        priceDimensions?: Record<
          string,
          {
            unit?: string;
            beginRange?: string;
            endRange?: string;
            description?: string;
            pricePerUnit?: Record<string, string>;
          }
        >;
      }
    >;
  };
}

/** A product of the Price List with its attributes and on-demand price. */
export interface PricedProduct {
  attributes: Record<string, string>;
  price: UnitPrice;
}

/**
 * Reads the GetProducts PriceList entries (strings or already parsed documents):
 * products without an on-demand USD price (reserved-only, other currencies) are left
 * out. Throws on an entry that is not JSON: the answer is then not a Price List.
 */
export function parsePriceList(entries: readonly unknown[]): PricedProduct[] {
  const products: PricedProduct[] = [];
  for (const entry of entries) {
    const doc = (
      typeof entry === 'string' ? JSON.parse(entry) : entry
    ) as PriceListDocument;
    const attributes = doc.product?.attributes ?? {};
    const dimensions = Object.values(doc.terms?.OnDemand ?? {}).flatMap(term =>
      Object.values(term.priceDimensions ?? {}),
    );
    const tiers: PriceTier[] = dimensions
      .filter(d => d.pricePerUnit?.USD !== undefined)
      .map(d => ({
        beginRange: Number(d.beginRange ?? 0),
        endRange:
          d.endRange === undefined || d.endRange === 'Inf'
            ? Infinity
            : Number(d.endRange),
        usdPerUnit: Number(d.pricePerUnit?.USD),
      }))
      .filter(t => Number.isFinite(t.usdPerUnit))
      .sort((a, b) => a.beginRange - b.beginRange);
    if (tiers.length === 0) continue;
    const first = dimensions.find(
      d => Number(d.beginRange ?? 0) === tiers[0].beginRange,
    );
    products.push({
      attributes,
      price: {
        sku: doc.product?.sku ?? '',
        usagetype: attributes.usagetype ?? '',
        unit: first?.unit ?? '',
        tiers,
        description: first?.description ?? '',
      },
    });
  }
  return products;
}

/**
 * Usage types carry a region prefix ("USE2-PaidEventsAnalyzed", "EUC1-...") except
 * for some services in us-east-1: a product matches on the part after the prefix.
 */
export function hasUsageType(usagetype: string, suffix: string): boolean {
  return usagetype === suffix || usagetype.endsWith(`-${suffix}`);
}
