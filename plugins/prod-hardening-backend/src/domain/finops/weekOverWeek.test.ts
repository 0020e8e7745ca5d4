import type { ServiceDailyCost } from '@prod-hardening/plugin-prod-hardening-common';
import { compareWeeks, weekPeriods } from './weekOverWeek';
import { dailySeries, usd } from './testData';

const NOW = new Date('2025-03-17T09:00:00Z');

const service = (
  name: string,
  from: string,
  days: number,
  dollars: number,
): ServiceDailyCost[] =>
  dailySeries(from, days, () => dollars).map(r => ({ ...r, service: name }));

// Previous week 03-03..03-09, current week 03-10..03-16.
const ROWS: ServiceDailyCost[] = [
  ...service('Amazon EC2', '2025-03-03', 14, 10), // 70 → 70, flat
  ...service('Amazon RDS', '2025-03-03', 7, 5), // 35 →
  ...service('Amazon RDS', '2025-03-10', 7, 8), //      → 56
  { day: '2025-03-05', service: 'AWS Lambda', amountMicros: usd(2) }, // 2 → 0, disappeared
  { day: '2025-03-12', service: 'Amazon SageMaker', amountMicros: usd(30) }, // 0 → 30, new
  ...service('Amazon S3', '2025-03-03', 7, 2), // 14 →
  ...service('Amazon S3', '2025-03-10', 7, 1), //      → 7
  { day: '2025-03-17', service: 'Amazon EC2', amountMicros: usd(1000) }, // today: not complete
  { day: '2025-03-02', service: 'Amazon EC2', amountMicros: usd(1000) }, // before both weeks
  ...service('Amazon Glacier', '2025-03-03', 14, 0), // $0 in both weeks: left out
];

describe('weekPeriods', () => {
  it('takes the last 7 complete UTC days and the 7 before, across a month end', () => {
    expect(weekPeriods(new Date('2025-03-03T23:59:00Z'))).toEqual({
      current: { from: '2025-02-24', to: '2025-03-02', days: 7 },
      previous: { from: '2025-02-17', to: '2025-02-23', days: 7 },
    });
  });
});

describe('compareWeeks', () => {
  const table = compareWeeks({
    now: NOW,
    dimension: 'service',
    rows: ROWS,
    keyOf: r => r.service,
    topN: 3,
  });

  it('totals both weeks: $163 against $121, +$42 (+34.7%)', () => {
    expect(table.currentMicros).toBe(usd(163));
    expect(table.previousMicros).toBe(usd(121));
    expect(table.changeMicros).toBe(usd(42));
    expect(table.changePercent).toBeCloseTo((42 / 121) * 100, 10);
  });

  it('lists the largest absolute changes first, with status and percent change', () => {
    expect(table.movers).toEqual([
      {
        key: 'Amazon SageMaker',
        status: 'new',
        currentMicros: usd(30),
        previousMicros: 0,
        changeMicros: usd(30),
        changePercent: null,
      },
      {
        key: 'Amazon RDS',
        status: 'up',
        currentMicros: usd(56),
        previousMicros: usd(35),
        changeMicros: usd(21),
        changePercent: 60,
      },
      {
        key: 'Amazon S3',
        status: 'down',
        currentMicros: usd(7),
        previousMicros: usd(14),
        changeMicros: usd(-7),
        changePercent: -50,
      },
    ]);
  });

  it('sums what is not listed into others, so the table adds up', () => {
    // AWS Lambda (2 → 0) and Amazon EC2 (70 → 70)
    expect(table.others).toEqual({
      count: 2,
      currentMicros: usd(70),
      previousMicros: usd(72),
      changeMicros: usd(-2),
      changePercent: expect.closeTo((-2 / 72) * 100, 10),
    });
    const listed = table.movers.reduce((sum, m) => sum + m.changeMicros, 0);
    expect(listed + table.others.changeMicros).toBe(table.changeMicros);
  });

  it('marks items that disappeared and items that did not change', () => {
    const full = compareWeeks({
      now: NOW,
      dimension: 'service',
      rows: ROWS,
      keyOf: r => r.service,
      topN: 10,
    });
    expect(full.movers.map(m => [m.key, m.status, m.changePercent])).toEqual([
      ['Amazon SageMaker', 'new', null],
      ['Amazon RDS', 'up', 60],
      ['Amazon S3', 'down', -50],
      ['AWS Lambda', 'disappeared', -100],
      ['Amazon EC2', 'flat', 0],
    ]);
  });

  it('groups by any key, e.g. the agent of AI-ledger rows', () => {
    const ledger = [
      { day: '2025-03-04', agent: 'chatbot', amountMicros: 1_500 },
      { day: '2025-03-11', agent: 'chatbot', amountMicros: 2_000 },
      { day: '2025-03-12', agent: 'chatbot', amountMicros: 1_000 },
    ];
    const agents = compareWeeks({
      now: NOW,
      dimension: 'agent',
      rows: ledger,
      keyOf: r => r.agent,
    });
    expect(agents.movers).toEqual([
      {
        key: 'chatbot',
        status: 'up',
        currentMicros: 3_000,
        previousMicros: 1_500,
        changeMicros: 1_500,
        changePercent: 100,
      },
    ]);
  });

  it('returns empty weeks without rows', () => {
    const empty = compareWeeks({
      now: NOW,
      dimension: 'provider',
      rows: [],
      keyOf: () => 'x',
    });
    expect(empty).toMatchObject({
      currentMicros: 0,
      previousMicros: 0,
      changePercent: null,
      movers: [],
    });
  });
});
