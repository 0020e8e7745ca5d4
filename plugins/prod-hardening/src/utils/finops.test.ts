import type {
  BudgetStatus,
  CostForecast,
  ServiceDailyCost,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  budgetGauge,
  dailyCostChart,
  formatChange,
  formatUsd,
  OTHER_SERVICES,
} from './finops';

const budget: BudgetStatus = {
  name: 'huntaze-monthly-budget',
  limitMicros: 500_000_000,
  actualMicros: 675_000_000 / 2,
  forecastMicros: 750_000_000,
  notifications: [
    {
      notificationType: 'FORECASTED',
      threshold: 80,
      thresholdType: 'PERCENTAGE',
      thresholdMicros: 400_000_000,
      comparedMicros: 750_000_000,
      fired: true,
    },
    {
      notificationType: 'ACTUAL',
      threshold: 100,
      thresholdType: 'PERCENTAGE',
      thresholdMicros: 500_000_000,
      comparedMicros: 337_500_000,
      fired: false,
    },
  ],
};

describe('budgetGauge', () => {
  it('is forecast-over when the forecast passes the limit but actual spend has not', () => {
    const gauge = budgetGauge(budget, null);
    expect(gauge).toMatchObject({
      limitUsd: 500,
      actualUsd: 337.5,
      forecastUsd: 750,
      state: 'forecast-over',
    });
    expect(gauge.maxUsd).toBeCloseTo(825);
    expect(gauge.marks).toEqual([
      { label: '80% forecasted', usd: 400 },
      { label: '100% actual', usd: 500 },
    ]);
  });

  it('falls back to our own run-rate forecast when AWS Budgets has none', () => {
    const own = { runRate: { monthEndMicros: 450_000_000 } } as CostForecast;
    const gauge = budgetGauge({ ...budget, forecastMicros: null }, own);
    expect(gauge.forecastUsd).toBe(450);
    expect(gauge.state).toBe('on-track');
  });

  it('is over once actual spend passes the limit', () => {
    expect(
      budgetGauge({ ...budget, actualMicros: 510_000_000 }, null).state,
    ).toBe('over');
  });
});

describe('dailyCostChart', () => {
  const rows: ServiceDailyCost[] = [
    { day: '2026-11-26', service: 'A', amountMicros: 3_000_000 },
    { day: '2026-11-26', service: 'B', amountMicros: 2_000_000 },
    { day: '2026-11-26', service: 'C', amountMicros: 1_000_000 },
    { day: '2026-11-27', service: 'A', amountMicros: 4_000_000 },
    { day: '2026-11-27', service: 'C', amountMicros: 500_000 },
    { day: '2026-11-25', service: 'B', amountMicros: 9_000_000 },
  ];

  it('stacks the last days by service, the largest first, the rest summed as Other', () => {
    const chart = dailyCostChart(rows, null, { days: 2, topN: 1 });
    expect(chart.services).toEqual(['A', OTHER_SERVICES]);
    expect(chart.rows).toEqual([
      { day: '2026-11-26', A: 3, [OTHER_SERVICES]: 3 },
      { day: '2026-11-27', A: 4, [OTHER_SERVICES]: 0.5 },
    ]);
  });

  it('appends the forecast and its band for the days after the last actual day', () => {
    const forecast = {
      points: [
        {
          day: '2026-11-27',
          cumulativeRunRateMicros: 0,
          cumulativeHoltMicros: 0,
          budgetPaceMicros: 0,
          actualMicros: 1,
        },
        {
          day: '2026-11-28',
          holtMicros: 5_000_000,
          holtLowMicros: 4_000_000,
          holtHighMicros: 6_500_000,
          cumulativeRunRateMicros: 0,
          cumulativeHoltMicros: 0,
          budgetPaceMicros: 0,
        },
      ],
    } as unknown as CostForecast;
    const chart = dailyCostChart(rows, forecast, { days: 2 });
    expect(chart.rows[chart.rows.length - 1]).toEqual({
      day: '2026-11-28',
      forecast: 5,
      band: [4, 6.5],
    });
  });
});

describe('formatting', () => {
  it('writes dollars with cents, and sub-cent unit costs with four decimals', () => {
    expect(formatUsd(750_000_000)).toBe('$750.00');
    expect(formatUsd(1_500)).toBe('$0.0015');
    expect(formatUsd(null)).toBe('—');
  });

  it('signs changes and calls a change from nothing "new"', () => {
    expect(formatChange(12.345)).toBe('+12.3%');
    expect(formatChange(-4)).toBe('-4.0%');
    expect(formatChange(null)).toBe('new');
  });
});
