import type { DailyRollup } from './records';
import { PastDayRollupCache } from './rollupCache';
import { daysBetween } from './time';

const rollup = (date: string, amountMicros: number) =>
  ({ date, amountMicros } as DailyRollup);
const TODAY = '2026-11-16';

describe('daysBetween', () => {
  it('lists the days of a range across a month end, inclusive', () => {
    expect(daysBetween('2026-10-30', '2026-11-02')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });
});

describe('PastDayRollupCache', () => {
  it('answers a range of past days it holds until the TTL passes', () => {
    const cache = new PastDayRollupCache(1000);
    cache.put('2026-11-13', '2026-11-15', [rollup('2026-11-14', 5)], TODAY, 0);
    expect(cache.get('2026-11-13', '2026-11-15', TODAY, 999)).toEqual([
      rollup('2026-11-14', 5),
    ]);
    expect(cache.get('2026-11-14', '2026-11-14', TODAY, 999)).toHaveLength(1);
    expect(cache.get('2026-11-13', '2026-11-15', TODAY, 1000)).toBeUndefined();
  });

  it('never holds today, and misses a range with one day it does not hold', () => {
    const cache = new PastDayRollupCache(1000);
    cache.put('2026-11-15', TODAY, [rollup(TODAY, 1)], TODAY, 0);
    expect(cache.get(TODAY, TODAY, TODAY, 1)).toBeUndefined();
    expect(cache.get('2026-11-15', '2026-11-15', TODAY, 1)).toEqual([]);
    expect(cache.get('2026-11-14', '2026-11-15', TODAY, 1)).toBeUndefined();
  });

  it('forgets invalidated days, and holds nothing with a TTL of 0', () => {
    const cache = new PastDayRollupCache(1000);
    cache.put('2026-11-14', '2026-11-15', [], TODAY, 0);
    cache.invalidate(['2026-11-15']);
    expect(cache.get('2026-11-14', '2026-11-15', TODAY, 1)).toBeUndefined();
    const off = new PastDayRollupCache(0);
    off.put('2026-11-14', '2026-11-15', [], TODAY, 0);
    expect(off.get('2026-11-14', '2026-11-15', TODAY, 0)).toBeUndefined();
  });
});
