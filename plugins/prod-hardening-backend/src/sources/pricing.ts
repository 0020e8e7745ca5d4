import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import type { AwsClientFactory } from '../aws';
import type { PriceQuery } from '../domain/fixCost/fixCost';
import {
  hasUsageType,
  parsePriceList,
  PricedProduct,
} from '../domain/fixCost/priceList';
import type { UnitPrice } from '../domain/fixCost/prices';

/** Prices change a few times a year: a day-old answer is still the price. */
export const PRICE_CACHE_TTL_MS = 24 * 60 * 60_000;
/** GetProducts answers at most 100 products a page. */
const PAGE_SIZE = 100;
/** Our filters narrow a service to a few dozen products; more pages means a wrong filter. */
const MAX_PAGES = 5;

export interface PriceListSourceOptions {
  ttlMs?: number;
  nowMs?: () => number;
}

/**
 * On-demand unit prices from the AWS Price List Query API (GetProducts), cached in
 * memory for a day. A query's products are fetched once however many estimates ask
 * at the same time; a failed fetch is not cached, so the next preview asks again.
 */
export class PriceListSource {
  private readonly cache = new Map<
    string,
    { expiresAtMs: number; products: Promise<PricedProduct[]> }
  >();
  private readonly ttlMs: number;
  private readonly nowMs: () => number;

  constructor(
    private readonly aws: AwsClientFactory,
    options: PriceListSourceOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? PRICE_CACHE_TTL_MS;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** The price of the product `query` names in `regionCode`; throws when there is none. */
  async unitPrice(
    query: PriceQuery & { regionCode: string },
  ): Promise<UnitPrice> {
    const products = await this.products(query.serviceCode, {
      regionCode: query.regionCode,
      ...query.filters,
    });
    const found = products.find(p =>
      hasUsageType(p.price.usagetype, query.usagetype),
    );
    if (!found) {
      throw new Error(
        `the Price List has no ${query.serviceCode} ${query.usagetype} price in ${query.regionCode}`,
      );
    }
    return found.price;
  }

  private products(
    serviceCode: string,
    filters: Record<string, string>,
  ): Promise<PricedProduct[]> {
    const key = JSON.stringify([serviceCode, Object.entries(filters).sort()]);
    const now = this.nowMs();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAtMs > now) return cached.products;
    const products = this.fetch(serviceCode, filters);
    this.cache.set(key, { expiresAtMs: now + this.ttlMs, products });
    products.catch(() => {
      if (this.cache.get(key)?.products === products) this.cache.delete(key);
    });
    return products;
  }

  private async fetch(
    serviceCode: string,
    filters: Record<string, string>,
  ): Promise<PricedProduct[]> {
    const client = this.aws.client(PricingClient, { priceList: true });
    const products: PricedProduct[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new GetProductsCommand({
          ServiceCode: serviceCode,
          FormatVersion: 'aws_v1',
          Filters: Object.entries(filters).map(([Field, Value]) => ({
            Type: 'TERM_MATCH',
            Field,
            Value,
          })),
          MaxResults: PAGE_SIZE,
          NextToken: nextToken,
        }),
      );
      // Each entry is a product's JSON document, sent as text.
      const entries: unknown[] = Array.isArray(page.PriceList)
        ? page.PriceList
        : [];
      products.push(...parsePriceList(entries.map(entry => String(entry))));
      nextToken = page.NextToken;
      pages += 1;
    } while (nextToken && pages < MAX_PAGES);
    return products;
  }
}
