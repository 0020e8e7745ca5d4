import {
  describeLimits,
  formatAge,
  formatBound,
  formatWait,
  throttlingChartRows,
} from './throttling';

describe('throttling formatting', () => {
  it('labels chart rows with the UTC minute and keeps the plotted counters', () => {
    const [row] = throttlingChartRows([
      {
        minute: '2026-11-20T12:07:00.000Z',
        allowed: 5,
        throttled: 2,
        deferred: 2,
        sent: 5,
        failed: 1,
        deadLettered: 0,
        fallback: 0,
        duplicate: 0,
        invalid: 0,
        apiThrottled: 0,
        decisions: 7,
        p50Ms: 0.5,
        p99Ms: 2,
      },
    ]);
    expect(row).toEqual({
      label: '12:07',
      allowed: 5,
      throttled: 2,
      deferred: 2,
      sent: 5,
      failed: 1,
      p50Ms: 0.5,
      p99Ms: 2,
    });
  });

  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [200, '3 min 20 s'],
    [7500, '2 h 5 min'],
    [273600, '3 d 4 h'],
  ])('writes an age of %i s as %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });

  it('writes histogram bounds and waits for people', () => {
    expect(formatBound(0.5)).toBe('≤ 0.5 ms');
    expect(formatBound(null)).toBe('—');
    expect(formatBound(null, 1000)).toBe('> 1000 ms');
    expect(formatWait(0)).toBe('now');
    expect(formatWait(4500)).toBe('in 4.5 s');
    expect(formatWait(6000)).toBe('in 6 s');
    expect(formatWait(72_000)).toBe('in 1 min 12 s');
    expect(
      describeLimits({
        capacity: 3,
        refillIntervalMs: 6000,
        windowLimit: 10,
        windowMs: 60000,
      }),
    ).toBe('3 at once, then 1 every 6 s, at most 10 per 60 s');
  });
});
