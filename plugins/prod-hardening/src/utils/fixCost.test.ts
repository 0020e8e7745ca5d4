import type { FixCost } from '@prod-hardening/plugin-prod-hardening-common';
import { fixCostHeadline } from './fixCost';

const cost = (monthlyUsd: number | null, unknownReason?: string): FixCost => ({
  monthlyUsd,
  currency: 'USD',
  assumptions: [],
  unknownReason,
  source: 'aws-price-list',
});

describe('fixCostHeadline', () => {
  it('says what a fix adds or saves a month, to the cent', () => {
    expect(fixCostHeadline(cost(12.4))).toBe('Adds about $12.40 a month');
    expect(fixCostHeadline(cost(-3.1))).toBe('Saves about $3.10 a month');
  });

  it('tells a free change from one that costs less than a cent', () => {
    expect(fixCostHeadline(cost(0))).toBe('No added cost');
    expect(fixCostHeadline(cost(0.004))).toBe('Adds under $0.01 a month');
  });

  it('gives the reason when the cost is unknown', () => {
    expect(
      fixCostHeadline(cost(null, 'pricing could not be read: access denied')),
    ).toBe('Cost unknown: pricing could not be read: access denied');
  });
});
