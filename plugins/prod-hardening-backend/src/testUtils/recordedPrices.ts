import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasUsageType, parsePriceList } from '../domain/fixCost/priceList';
import type { UnitPrice } from '../domain/fixCost/prices';

/** A unit price from the recorded GetProducts answers (priceList/<service>.json). */
export function recordedPrice(
  serviceCode: string,
  usagetype: string,
  regionCode = 'us-east-1',
): UnitPrice {
  const answer = JSON.parse(
    readFileSync(join(__dirname, 'priceList', `${serviceCode}.json`), 'utf8'),
  );
  const found = parsePriceList(answer.PriceList).find(
    p =>
      p.attributes.regionCode === regionCode &&
      hasUsageType(p.price.usagetype, usagetype),
  );
  if (!found) throw new Error(`No recorded ${serviceCode} ${usagetype}`);
  return found.price;
}
