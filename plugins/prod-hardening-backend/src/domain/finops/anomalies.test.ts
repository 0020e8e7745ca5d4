import type {
  DailyCost,
  ServiceDailyCost,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  detectAnomalies,
  detectCostAnomalies,
  modifiedZScore,
} from './anomalies';
import { dailySeries, usd } from './testData';

// Four weeks of $25 ± a few cents, median exactly $25.00 and MAD exactly $0.10
// (deviations: four of $0, sixteen of $0.10, eight of $0.20).
const NOISE = [0.1, -0.1, 0.2, -0.2, 0, 0.1, -0.1];
const FEBRUARY = dailySeries('2025-02-01', 28, i => 25 + NOISE[i % 7]);
const NOW = new Date('2025-03-02T08:00:00Z'); // 2025-03-01 is the last complete day

const total = (points: DailyCost[]) => [
  { dimension: 'total' as const, series: 'Total', points },
];
const withDay = (dollars: number) => [
  ...FEBRUARY,
  { day: '2025-03-01', amountMicros: usd(dollars) },
];

describe('modifiedZScore', () => {
  it('scales the distance from the median by the MAD', () => {
    // median 3, deviations [2, 1, 0, 1, 97] → MAD 1; 0.6745 × (10 − 3) ÷ 1
    expect(modifiedZScore(10, [1, 2, 3, 4, 100])).toEqual({
      expected: 3,
      score: 0.6745 * 7,
      method: 'mad',
    });
  });

  it('falls back to the mean absolute deviation when MAD is 0', () => {
    // median 5, deviations [0, 0, 0, 4] → MAD 0, mean AD 1; (9 − 5) ÷ 1.2533
    const result = modifiedZScore(9, [5, 5, 5, 9]);
    expect(result.method).toBe('meanAbsoluteDeviation');
    expect(result.score).toBeCloseTo(4 / 1.2533, 12);
  });

  it('has no score on a flat window', () => {
    expect(modifiedZScore(9, [5, 5, 5])).toEqual({
      expected: 5,
      score: null,
      method: 'flatBaseline',
    });
  });
});

describe('detectAnomalies', () => {
  it('flags an $80 day against a $25 baseline with its expected, actual, impact and score', () => {
    expect(detectAnomalies({ now: NOW, series: total(withDay(80)) })).toEqual([
      {
        day: '2025-03-01',
        dimension: 'total',
        series: 'Total',
        expectedMicros: usd(25),
        actualMicros: usd(80),
        impactMicros: usd(55),
        score: expect.closeTo((0.6745 * 55) / 0.1, 6),
        scoreMethod: 'mad',
        direction: 'spike',
        windowDays: 28,
      },
    ]);
  });

  it('does not flag a day of ordinary noise', () => {
    expect(detectAnomalies({ now: NOW, series: total(withDay(25.2)) })).toEqual(
      [],
    );
  });

  it('does not flag a $28 day: its score is 20 but $3 is below the $5 minimum impact', () => {
    expect(detectAnomalies({ now: NOW, series: total(withDay(28)) })).toEqual(
      [],
    );
    const lowered = detectAnomalies({
      now: NOW,
      series: total(withDay(28)),
      options: { minImpactMicros: usd(1) },
    });
    expect(lowered).toHaveLength(1);
    expect(lowered[0].score).toBeCloseTo((0.6745 * 3) / 0.1, 6);
  });

  it('ignores drops unless asked, then flags them with a negative impact', () => {
    expect(detectAnomalies({ now: NOW, series: total(withDay(5)) })).toEqual(
      [],
    );
    const drops = detectAnomalies({
      now: NOW,
      series: total(withDay(5)),
      options: { includeDrops: true },
    });
    expect(drops).toMatchObject([
      { direction: 'drop', impactMicros: usd(-20) },
    ]);
  });

  it('scores against the mean absolute deviation when most days cost the same', () => {
    // 24 days at $25 and 4 at $26: MAD 0, mean AD 4/28.
    const points = [
      ...dailySeries('2025-02-01', 28, i => (i % 7 === 3 ? 26 : 25)),
      { day: '2025-03-01', amountMicros: usd(40) },
    ];
    const [anomaly] = detectAnomalies({ now: NOW, series: total(points) });
    expect(anomaly.scoreMethod).toBe('meanAbsoluteDeviation');
    expect(anomaly.score).toBeCloseTo(15 / (1.2533 * (4 / 28)), 6);
  });

  it('on a flat baseline flags any change at least as large as the minimum impact', () => {
    const flat = dailySeries('2025-02-01', 28, () => 25);
    const flagged = detectAnomalies({
      now: NOW,
      series: total([...flat, { day: '2025-03-01', amountMicros: usd(31) }]),
    });
    expect(flagged).toMatchObject([
      { score: null, scoreMethod: 'flatBaseline', impactMicros: usd(6) },
    ]);
    const small = detectAnomalies({
      now: NOW,
      series: total([...flat, { day: '2025-03-01', amountMicros: usd(27) }]),
    });
    expect(small).toEqual([]);
  });

  it('ignores the current, partial day', () => {
    const points = [
      ...withDay(25),
      { day: '2025-03-02', amountMicros: usd(500) },
    ];
    expect(detectAnomalies({ now: NOW, series: total(points) })).toEqual([]);
  });

  it('does not check days with less than two weeks of history', () => {
    const young = [
      ...dailySeries('2025-02-20', 9, () => 25),
      { day: '2025-03-01', amountMicros: usd(200) },
    ];
    expect(detectAnomalies({ now: NOW, series: total(young) })).toEqual([]);
    expect(
      detectAnomalies({
        now: NOW,
        series: total(young),
        options: { minHistoryDays: 7 },
      }),
    ).toHaveLength(1);
  });

  it('only checks the last evaluateDays complete days', () => {
    const points = dailySeries('2025-01-01', 60, i => (i === 40 ? 200 : 25)); // spike on 2025-02-10
    const now = new Date('2025-03-02T00:00:00Z');
    expect(
      detectAnomalies({
        now,
        series: total(points),
        options: { evaluateDays: 7 },
      }),
    ).toEqual([]);
    expect(detectAnomalies({ now, series: total(points) })).toMatchObject([
      { day: '2025-02-10' },
    ]);
  });

  it('counts a day without rows as $0, so a service that starts costing money is flagged', () => {
    const series = [
      { dimension: 'total' as const, series: 'Total', points: FEBRUARY },
      {
        dimension: 'service' as const,
        series: 'Amazon SageMaker',
        points: [{ day: '2025-03-01', amountMicros: usd(40) }],
      },
    ];
    expect(detectAnomalies({ now: NOW, series })).toMatchObject([
      {
        series: 'Amazon SageMaker',
        expectedMicros: 0,
        actualMicros: usd(40),
        scoreMethod: 'flatBaseline',
      },
    ]);
  });

  it('returns nothing without data', () => {
    expect(detectAnomalies({ now: NOW, series: total([]) })).toEqual([]);
  });

  it('refuses a minimum history longer than the window', () => {
    expect(() =>
      detectAnomalies({
        now: NOW,
        series: [],
        options: { minHistoryDays: 40 },
      }),
    ).toThrow(/minHistoryDays/);
  });
});

describe('detectCostAnomalies', () => {
  const rows: ServiceDailyCost[] = [
    ...dailySeries('2025-02-01', 29, () => 20).map(r => ({
      ...r,
      service: 'Amazon EC2',
    })),
    ...dailySeries('2025-02-01', 28, i => 5 + NOISE[i % 7]).map(r => ({
      ...r,
      service: 'AWS Lambda',
    })),
    { day: '2025-03-01', service: 'AWS Lambda', amountMicros: usd(45) },
  ];

  it('checks the total and every service, newest and largest first', () => {
    const anomalies = detectCostAnomalies({ now: NOW, rows });
    expect(anomalies.map(a => [a.dimension, a.series, a.impactMicros])).toEqual(
      [
        ['total', 'Total', usd(40)],
        ['service', 'AWS Lambda', usd(40)],
      ],
    );
  });
});
