import {
  mergeHistograms,
  parseHistogram,
  percentile,
  summarizeLatency,
} from './latency';

describe('decision latency histogram', () => {
  it('takes the first bucket whose cumulative count reaches the quantile', () => {
    // 60 decisions ≤ 0.5 ms, 39 ≤ 2 ms, 1 ≤ 25 ms
    const h = parseHistogram({
      'le_0.5': '60',
      le_2: '39',
      le_25: '1',
      count: '100',
      sum_us: '90000',
    });
    expect(percentile(h, 0.5)).toEqual({ boundMs: 0.5 });
    expect(percentile(h, 0.99)).toEqual({ boundMs: 2 });
    expect(percentile(h, 1)).toEqual({ boundMs: 25 });
  });

  it('puts p50 in the next bucket when the first holds less than half', () => {
    const h = parseHistogram({ 'le_0.5': '49', le_1: '51' });
    expect(percentile(h, 0.5)).toEqual({ boundMs: 1 });
  });

  it('says "over the last bound" for decisions slower than 1 s', () => {
    const h = parseHistogram({ le_1: '1', le_inf: '99', sum_us: '200000000' });
    expect(summarizeLatency(h)).toEqual({
      decisions: 100,
      p50Ms: null,
      p99Ms: null,
      p99OverMs: 1000,
      meanMs: 2000,
    });
  });

  it('has no percentiles and no mean without decisions', () => {
    expect(summarizeLatency(parseHistogram({}))).toEqual({
      decisions: 0,
      p50Ms: null,
      p99Ms: null,
      meanMs: null,
    });
  });

  it('merges minutes bucket by bucket, so window percentiles weigh every decision', () => {
    const quiet = parseHistogram({ le_1: '10', sum_us: '5000' });
    const busy = parseHistogram({ le_5: '90', le_50: '1', sum_us: '300000' });
    const merged = mergeHistograms([quiet, busy]);
    expect(merged.count).toBe(101);
    expect(summarizeLatency(merged)).toMatchObject({
      p50Ms: 5,
      p99Ms: 5,
      meanMs: 305 / 101,
    });
  });

  it('ignores malformed and negative fields like absent ones', () => {
    expect(parseHistogram({ le_1: 'abc', le_2: '-3', le_5: '2' }).count).toBe(
      2,
    );
  });
});
