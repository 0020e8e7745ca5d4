import { hasUsageType, parsePriceList } from './priceList';
import { formatRate } from './fixCost';
import { firstPaidRate, tieredCost } from './prices';

const TIERS = [
  { beginRange: 0, endRange: 500, usdPerUnit: 1 },
  { beginRange: 500, endRange: 2500, usdPerUnit: 0.5 },
  { beginRange: 2500, endRange: Infinity, usdPerUnit: 0.25 },
];

describe('tieredCost', () => {
  it('walks the bands from the first unit', () => {
    expect(tieredCost(20, TIERS)).toBe(20);
    expect(tieredCost(500, TIERS)).toBe(500);
    expect(tieredCost(3000, TIERS)).toBe(500 + 1000 + 125);
  });

  it('costs nothing for no usage', () => {
    expect(tieredCost(0, TIERS)).toBe(0);
    expect(tieredCost(-1, TIERS)).toBe(0);
  });

  it('skips a free first band', () => {
    const free = [
      { beginRange: 0, endRange: 25, usdPerUnit: 0 },
      { beginRange: 25, endRange: Infinity, usdPerUnit: 0.25 },
    ];
    expect(tieredCost(10, free)).toBe(0);
    expect(tieredCost(35, free)).toBe(2.5);
    expect(
      firstPaidRate({
        sku: 's',
        usagetype: 'TimedStorage-ByteHrs',
        unit: 'GB-Mo',
        tiers: free,
        description: '',
      }),
    ).toBe(0.25);
  });
});

describe('parsePriceList', () => {
  const entry = (onDemand: object) =>
    JSON.stringify({
      product: {
        sku: 'SKU1',
        productFamily: 'Storage',
        attributes: { usagetype: 'USE1-X', regionCode: 'us-east-1' },
      },
      terms: { OnDemand: onDemand },
    });

  it('reads the on-demand USD bands, lowest first, "Inf" as no end', () => {
    const [product] = parsePriceList([
      entry({
        'SKU1.T': {
          priceDimensions: {
            b: {
              unit: 'GB',
              beginRange: '500',
              endRange: 'Inf',
              pricePerUnit: { USD: '0.5000000000' },
            },
            a: {
              unit: 'GB',
              beginRange: '0',
              endRange: '500',
              description: '$1.00 per GB',
              pricePerUnit: { USD: '1.0000000000' },
            },
          },
        },
      }),
    ]);
    expect(product.price).toEqual({
      sku: 'SKU1',
      usagetype: 'USE1-X',
      unit: 'GB',
      description: '$1.00 per GB',
      tiers: [
        { beginRange: 0, endRange: 500, usdPerUnit: 1 },
        { beginRange: 500, endRange: Infinity, usdPerUnit: 0.5 },
      ],
    });
  });

  it('leaves out products without an on-demand USD price', () => {
    expect(
      parsePriceList([
        entry({}),
        entry({
          'SKU1.T': { priceDimensions: { a: { pricePerUnit: { CNY: '1' } } } },
        }),
      ]),
    ).toEqual([]);
  });

  it('refuses an answer that is not a Price List', () => {
    expect(() => parsePriceList(['<html>'])).toThrow(SyntaxError);
  });
});

describe('hasUsageType', () => {
  it('matches with or without the region prefix, never a longer usage type', () => {
    expect(hasUsageType('TimedStorage-ByteHrs', 'TimedStorage-ByteHrs')).toBe(
      true,
    );
    expect(
      hasUsageType('EUC1-TimedStorage-ByteHrs', 'TimedStorage-ByteHrs'),
    ).toBe(true);
    expect(
      hasUsageType('USE1-TimedPITRStorage-ByteHrs', 'TimedStorage-ByteHrs'),
    ).toBe(false);
    expect(
      hasUsageType('USE1-PaidEventsAnalyzed-Bytes', 'PaidEventsAnalyzed'),
    ).toBe(false);
  });
});

describe('formatRate', () => {
  it('quotes cents for dollars and significant digits below a cent', () => {
    expect(formatRate(0.2)).toBe('0.20');
    expect(formatRate(0.023)).toBe('0.023');
    expect(formatRate(2.5)).toBe('2.50');
    expect(formatRate(0.000004)).toBe('0.000004');
    expect(formatRate(0.0008)).toBe('0.0008');
  });
});
