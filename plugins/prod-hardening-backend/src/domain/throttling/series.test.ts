import {
  buildMinuteSeries,
  parseCounters,
  sumCounters,
  windowMinutes,
} from './series';

const T = Date.UTC(2026, 10, 20, 12, 30, 15); // 12:30:15 UTC
const MINUTE = Math.floor(T / 60_000);

describe('per-minute series', () => {
  it('lists the window minutes oldest first, ending with the current one', () => {
    expect(windowMinutes(T, 3)).toEqual([MINUTE - 2, MINUTE - 1, MINUTE]);
  });

  it('reads the limiter counter fields, absent ones as 0', () => {
    expect(
      parseCounters({
        allowed: '7',
        throttled: '3',
        dead_lettered: '1',
        api_throttled: '2',
      }),
    ).toEqual({
      allowed: 7,
      throttled: 3,
      deferred: 0,
      sent: 0,
      failed: 0,
      deadLettered: 1,
      fallback: 0,
      duplicate: 0,
      invalid: 0,
      apiThrottled: 2,
    });
  });

  it('turns raw minutes into chart rows with per-minute percentiles; empty minutes are zeros', () => {
    const { minutes, histograms } = buildMinuteSeries([
      { minute: MINUTE - 1, counters: {}, latency: {} },
      {
        minute: MINUTE,
        counters: { allowed: '5', sent: '4', failed: '1' },
        latency: { 'le_0.5': '3', le_10: '2', sum_us: '21000' },
      },
    ]);
    expect(minutes[0]).toMatchObject({
      minute: '2026-11-20T12:29:00.000Z',
      allowed: 0,
      decisions: 0,
      p50Ms: null,
      p99Ms: null,
    });
    expect(minutes[1]).toMatchObject({
      minute: '2026-11-20T12:30:00.000Z',
      allowed: 5,
      sent: 4,
      failed: 1,
      decisions: 5,
      p50Ms: 0.5,
      p99Ms: 10,
    });
    expect(histograms.map(h => h.count)).toEqual([0, 5]);
  });

  it('totals the counters over the window', () => {
    expect(
      sumCounters([
        parseCounters({ allowed: '2' }),
        parseCounters({ allowed: '3', throttled: '1' }),
      ]),
    ).toMatchObject({ allowed: 5, throttled: 1, sent: 0 });
  });
});
