import { InputError } from '@backstage/errors';
import { percentChange, sumMicros, usdToMicros } from './money';

describe('usdToMicros', () => {
  it('converts Cost Explorer decimal strings digit by digit', () => {
    expect(usdToMicros('25.1234564')).toBe(25_123_456);
    expect(usdToMicros('25.1234565')).toBe(25_123_457);
    expect(usdToMicros('0.0000004')).toBe(0);
    expect(usdToMicros('-1.5')).toBe(-1_500_000);
    expect(usdToMicros('12')).toBe(12_000_000);
  });

  it('rounds numbers to the nearest micro-dollar', () => {
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000);
    expect(usdToMicros(0.00015)).toBe(150);
  });

  it('rejects amounts that are not numbers', () => {
    expect(() => usdToMicros('12,50')).toThrow(InputError);
    expect(() => usdToMicros(Number.NaN)).toThrow(InputError);
    expect(() => usdToMicros(Number.POSITIVE_INFINITY)).toThrow(InputError);
  });
});

describe('sums and changes', () => {
  it('adds ten thousand $0.10 amounts to exactly $1,000', () => {
    const tenCents = usdToMicros('0.10');
    expect(sumMicros(Array.from({ length: 10_000 }, () => tenCents))).toBe(
      1_000_000_000,
    );
  });

  it('gives no percent change from zero', () => {
    expect(percentChange(5, 0)).toBeNull();
    expect(percentChange(150, 100)).toBe(50);
    expect(percentChange(50, 100)).toBe(-50);
  });
});
