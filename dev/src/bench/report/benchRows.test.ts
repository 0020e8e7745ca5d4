import {
  ledgerRows,
  limiterRows,
  pipelineRows,
  postureRows,
} from './benchRows';
import type { ReportRow } from './row';

const row = (rows: ReportRow[], metric: string) => {
  const found = rows.find(r => r.metric.startsWith(metric));
  if (!found)
    throw new Error(`no row "${metric}" in ${rows.map(r => r.metric)}`);
  return found;
};

/** The shape bench/limiter.ts prints, with made-up numbers. */
function limiterReport(
  oursAt256 = { decisionsPerSecond: 90_000, p50Ms: 2.4, p99Ms: 4.3 },
) {
  const subjects = {
    ours: 'ours (createRateLimiter)',
    peer: 'rate-limiter-flexible RateLimiterRedis',
    ceiling: 'redis-benchmark EVALSHA (ceiling)',
    batched: 'redis-benchmark EVALSHA, batched as ours',
  };
  return {
    target: {},
    results: [
      {
        subject: subjects.ours,
        concurrency: 1,
        decisionsPerSecond: 10_000,
        p50Ms: 0.09,
        p99Ms: 0.2,
      },
      {
        subject: subjects.peer,
        concurrency: 1,
        decisionsPerSecond: 8_000,
        p50Ms: 0.11,
        p99Ms: 0.3,
      },
      {
        subject: subjects.ceiling,
        concurrency: 1,
        decisionsPerSecond: 17_000,
        p50Ms: 0.05,
        p99Ms: 0.1,
      },
      {
        subject: subjects.batched,
        concurrency: 1,
        decisionsPerSecond: 18_000,
        p50Ms: 0.05,
        p99Ms: 0.1,
      },
      { subject: subjects.ours, concurrency: 256, ...oursAt256 },
      {
        subject: subjects.peer,
        concurrency: 256,
        decisionsPerSecond: 40_000,
        p50Ms: 5.1,
        p99Ms: 11,
      },
      {
        subject: subjects.ceiling,
        concurrency: 256,
        decisionsPerSecond: 70_000,
        p50Ms: 0.9,
        p99Ms: 7,
      },
      {
        subject: subjects.batched,
        concurrency: 256,
        decisionsPerSecond: 100_000,
        p50Ms: 2.1,
        p99Ms: 4,
      },
    ],
  };
}

describe('limiterRows', () => {
  it('holds the lowest concurrency to the sustained load and the highest to the burst, with peer and ceiling beside ours', () => {
    const rows = limiterRows(limiterReport());
    expect(row(rows, 'decisions/s, 1 in flight')).toMatchObject({
      ours: '10,000/s',
      reference: 'peer 8,000/s · ceiling 17,000/s',
      verdict: 'PASS',
      value: 10_000,
    });
    expect(row(rows, 'decisions/s, 256 in flight').verdict).toBe('PASS');
    expect(row(rows, 'decision p99, 256 in flight')).toMatchObject({
      ours: '4.3 ms',
      reference: 'peer 11 ms · ceiling 7 ms · batched ceiling 4 ms',
      target: '< 500 ms (seed)',
      verdict: 'PASS',
    });
  });

  it('shows a missed latency target as FAIL', () => {
    const rows = limiterRows(
      limiterReport({ decisionsPerSecond: 90, p50Ms: 120, p99Ms: 499.9 }),
    );
    expect(row(rows, 'decision p50').verdict).toBe('FAIL');
    expect(row(rows, 'decision p99').verdict).toBe('PASS');
    // 90 decisions/s cannot take 100 messages in one second
    expect(row(rows, 'decisions/s, 256 in flight').verdict).toBe('FAIL');
  });

  it('says "not measured", never PASS, when a number is missing or null (NaN in JSON)', () => {
    const report = limiterReport();
    report.results = report.results.map(r =>
      r.subject.startsWith('ours') && r.concurrency === 256
        ? { ...r, p99Ms: null as unknown as number }
        : r,
    );
    const p99 = row(limiterRows(report), 'decision p99');
    expect(p99).toMatchObject({
      ours: 'not measured',
      verdict: 'NOT MEASURED',
      value: null,
    });
    expect(limiterRows({}).map(r => r.verdict)).toEqual(
      Array(4).fill('NOT MEASURED'),
    );
  });
});

/** The shape bench/pipeline.ts prints on main. */
function pipelineReport(overrides: Record<string, unknown> = {}) {
  return {
    scenario: { minutes: 3, ratePerMinute: 1000, creators: 200, burst: 100 },
    produced: 3100,
    delivered: 3095,
    deadLettered: 5,
    summary: { deliveredShare: 0.9952, drainSeconds: 12.5 },
    violationCount: 0,
    missing: [],
    decisionLatencyMs: { p50: 1.2, p99: 40, redisOnly: { p50: 0.8, p99: 3 } },
    endToEndLatencyMs: { p50: 700, p99: 61_000 },
    checks: {
      noLimitViolation: true,
      everyMessageDeliveredOrDeadLettered: true,
      noDuplicateDelivery: true,
      fallbackEngaged: true,
    },
    passed: true,
    ...overrides,
  };
}

describe('pipelineRows', () => {
  it('judges shares of the offered messages, violations and the checks', () => {
    const rows = pipelineRows(pipelineReport());
    expect(row(rows, 'throughput / offered rate')).toMatchObject({
      ours: '99.5 %',
      verdict: 'PASS',
    });
    expect(row(rows, 'delivered / produced')).toMatchObject({
      ours: '99.8 %',
      verdict: 'PASS',
      note: 'in the end: the last one arrived 12.5 s after producing stopped',
    });
    expect(row(rows, 'dead-lettered / offered')).toMatchObject({
      ours: '0.16 %',
      verdict: 'PASS',
    });
    expect(row(rows, 'limit violations').verdict).toBe('PASS');
    expect(row(rows, 'duplicate deliveries')).toMatchObject({
      ours: 'none',
      verdict: 'PASS',
    });
    expect(row(rows, 'lost messages')).toMatchObject({
      ours: '0',
      verdict: 'PASS',
    });
    expect(row(rows, 'pipeline checks')).toMatchObject({
      ours: '4/4',
      verdict: 'PASS',
    });
    expect(row(rows, 'decision p50').reference).toBe('Redis only 0.8 ms');
  });

  it('fails what the run got wrong and names the failed checks', () => {
    const rows = pipelineRows(
      pipelineReport({
        delivered: 2000,
        deadLettered: 1000,
        summary: { deliveredShare: 0.65 },
        violationCount: 3,
        missing: ['pipeline-7'],
        checks: {
          noLimitViolation: false,
          everyMessageDeliveredOrDeadLettered: false,
          noDuplicateDelivery: false,
        },
      }),
    );
    expect(row(rows, 'throughput / offered rate').verdict).toBe('FAIL');
    expect(row(rows, 'delivered / produced').verdict).toBe('FAIL');
    expect(row(rows, 'dead-lettered / offered').verdict).toBe('FAIL');
    expect(row(rows, 'limit violations')).toMatchObject({
      ours: '3',
      verdict: 'FAIL',
    });
    expect(row(rows, 'duplicate deliveries')).toMatchObject({
      ours: 'at least one',
      verdict: 'FAIL',
    });
    expect(row(rows, 'lost messages')).toMatchObject({
      ours: '100',
      verdict: 'FAIL',
    });
    expect(row(rows, 'pipeline checks')).toMatchObject({
      ours: '0/3',
      verdict: 'FAIL',
      note: 'failed: noLimitViolation, everyMessageDeliveredOrDeadLettered, noDuplicateDelivery',
    });
  });

  it('does not judge end to end "within limit" from a figure that includes deferrals', () => {
    const rows = pipelineRows(pipelineReport());
    const p50 = row(rows, 'end to end p50');
    expect(p50.verdict).toBe('NOT MEASURED');
    expect(p50.note).toContain('p50 700 ms · p99 61,000 ms');
  });

  it('judges end to end once the bench reports deferred messages apart, and reads a measured offered rate and queue depth', () => {
    const rows = pipelineRows(
      pipelineReport({
        endToEndLatencyMs: { count: 2900, p50: 800, p99: 5200 },
        deferredLatencyMs: { count: 195, p50: 300, p99: 900 },
        offeredPerMinute: 987.5,
        queueDepth: { max: { atS: 92, visible: 40, total: 130 } },
      }),
    );
    expect(row(rows, 'end to end p50').verdict).toBe('PASS');
    expect(row(rows, 'end to end p99')).toMatchObject({
      ours: '5,200 ms',
      verdict: 'FAIL',
    });
    // set to 1,000/min, the producer fell behind: a miss, not a smaller scenario
    expect(row(rows, 'offered load')).toMatchObject({
      ours: '988/min',
      verdict: 'FAIL',
    });
    expect(row(rows, 'max queue depth')).toMatchObject({
      ours: '130',
      verdict: 'NO TARGET',
    });
  });

  it('marks a scenario below the seed load as not measured rather than failed', () => {
    const rows = pipelineRows(
      pipelineReport({
        scenario: { minutes: 1, ratePerMinute: 300, burst: 100 },
      }),
    );
    expect(row(rows, 'offered load')).toMatchObject({
      metric: 'offered load, + 100 msg in 1 s, 1 min',
      ours: '300/min',
      verdict: 'NOT MEASURED',
    });
    expect(row(rows, 'max queue depth').ours).toBe('not measured');
  });

  it('gives no pass for an empty report', () => {
    const verdicts = pipelineRows({}).map(r => r.verdict);
    expect(verdicts).not.toContain('PASS');
    expect(verdicts).not.toContain('FAIL');
  });
});

describe('ledgerRows', () => {
  const store = (name: string, entries: number, p50: number, p99: number) => ({
    store: name,
    median: {
      entriesPerSecond: {
        median: entries,
        min: entries - 50,
        max: entries + 50,
      },
      queryP50Ms: { median: p50, min: p50, max: p50 },
      queryP99Ms: { median: p99, min: p99 - 1, max: p99 + 1 },
    },
  });

  it('judges every store on its own: writes per second and both query percentiles', () => {
    const rows = ledgerRows({
      results: [
        store('moto', 899, 225, 601),
        store('dynalite', 1667, 6.4, 15.3),
      ],
    });
    expect(rows.map(r => [r.metric, r.verdict])).toEqual([
      ['entries/s on moto', 'FAIL'],
      ['query p50 on moto', 'FAIL'],
      ['query p99 on moto', 'FAIL'],
      ['entries/s on dynalite', 'PASS'],
      ['query p50 on dynalite', 'PASS'],
      ['query p99 on dynalite', 'PASS'],
    ]);
    expect(rows[3]).toMatchObject({
      ours: '1,667/s',
      target: '≥ 1,000/s (seed)',
      note: 'median of the runs, which ranged 1617–1717',
    });
  });

  it('adds no spread note for a single run', () => {
    const single = store('dynalite', 1500, 5, 9);
    single.median.entriesPerSecond = { median: 1500, min: 1500, max: 1500 };
    expect(ledgerRows({ results: [single] })[0].note).toBeUndefined();
  });

  it('reports not measured when the bench gave no store', () => {
    expect(ledgerRows({ results: [] }).map(r => r.verdict)).toEqual([
      'NOT MEASURED',
      'NOT MEASURED',
    ]);
  });
});

describe('postureRows', () => {
  it('reports the largest aggregation and the cached API for information (the seed sets no target)', () => {
    const rows = postureRows({
      aggregation: [
        { findings: 10_000, medianMs: 17, peakRssMb: 106 },
        { findings: 50_000, medianMs: 80.6, peakRssMb: 175 },
      ],
      postureApiFromCache: { p50Ms: 1.5, p99Ms: 10 },
    });
    expect(rows.map(r => [r.metric, r.ours, r.verdict])).toEqual([
      ['aggregation median, 50,000 findings', '80.6 ms', 'NO TARGET'],
      ['peak RSS, 50,000 findings', '175 MB', 'NO TARGET'],
      ['GET /posture p50, warm cache', '1.5 ms', 'NO TARGET'],
      ['GET /posture p99, warm cache', '10 ms', 'NO TARGET'],
    ]);
  });
});
