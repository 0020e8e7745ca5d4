import { microsToUsd, sumMicros, usdToMicros } from './money';

describe('micro-dollar conversion', () => {
  it('stores USD as integer micro-dollars', () => {
    expect(usdToMicros(1)).toBe(1_000_000);
    expect(usdToMicros(0.000001)).toBe(1);
    expect(usdToMicros(0)).toBe(0);
    expect(usdToMicros(12.345678)).toBe(12_345_678);
  });

  it('rounds binary-fraction noise to the nearest micro-dollar', () => {
    // 1.005 * 1e6 is 1004999.9999999999 in floating point
    expect(usdToMicros(1.005)).toBe(1_005_000);
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000);
    expect(usdToMicros(0.0000004)).toBe(0);
    expect(usdToMicros(0.0000005)).toBe(1);
  });

  it('rejects amounts that cannot be stored exactly', () => {
    expect(() => usdToMicros(Number.NaN)).toThrow(RangeError);
    expect(() => usdToMicros(Infinity)).toThrow(RangeError);
    expect(() => usdToMicros(1e13)).toThrow(/too large/);
  });

  it('sums without drift where floating-point USD would', () => {
    const tenths = Array.from({ length: 10 }, () => 0.1);
    expect(tenths.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(microsToUsd(sumMicros(tenths.map(usdToMicros)))).toBe(1);
  });
});
