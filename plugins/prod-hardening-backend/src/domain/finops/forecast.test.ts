import { InputError } from '@backstage/errors';
import {
  DEFAULT_FORECAST_PARAMETERS,
  fitHolt,
  forecastMonth,
  holtPointForecast,
  holtStdDev,
} from './forecast';
import { dailySeries, usd } from './testData';

const BUDGET = usd(500);

describe('forecastMonth on a constant $25/day', () => {
  // 2025-03 has 31 days; on the 15th, days 1–14 are complete and 17 remain.
  const forecast = forecastMonth({
    now: new Date('2025-03-15T10:30:00Z'),
    budgetMicros: BUDGET,
    daily: dailySeries('2025-01-01', 80, () => 25),
  });

  it('forecasts exactly 25 × 31 days by both methods', () => {
    expect(forecast.runRate.monthEndMicros).toBe(usd(775));
    expect(forecast.holt.monthEndMicros).toBe(usd(775));
  });

  it('collapses the Holt band onto the forecast when the history has no error', () => {
    expect(forecast.holt.monthEndLowMicros).toBe(usd(775));
    expect(forecast.holt.monthEndHighMicros).toBe(usd(775));
  });

  it('reports month-to-date over the 14 complete days, excluding today', () => {
    expect(forecast.asOf).toBe('2025-03-14');
    expect(forecast.burn).toMatchObject({
      daysInMonth: 31,
      elapsedDays: 14,
      remainingDays: 17,
      monthToDateMicros: usd(350),
      averageDailyMicros: usd(25),
      burnRateDailyMicros: usd(25),
    });
  });

  it('compares month-to-date with the pro-rated budget', () => {
    // 500 × 14 / 31 = 225.806451…
    expect(forecast.burn.proRatedBudgetMicros).toBe(225_806_452);
    expect(forecast.burn.overProRatedMicros).toBe(usd(350) - 225_806_452);
    expect(forecast.burn.percentOfProRated).toBeCloseTo(155, 4);
  });

  it('compares the burn rate with the rate the budget allows', () => {
    expect(forecast.burn.allowedDailyMicros).toBeCloseTo(usd(500) / 31, 6);
    expect(forecast.burn.burnRatio).toBeCloseTo(1.55, 10);
    expect(forecast.runRate.percentOfBudget).toBeCloseTo(155, 10);
  });

  it('projects the budget running out on the 20th, when 20 × $25 reaches $500', () => {
    expect(forecast.runRate.exhaustion).toEqual({
      day: '2025-03-20',
      basis: 'forecast',
    });
    expect(forecast.holt.exhaustion).toEqual({
      day: '2025-03-20',
      basis: 'forecast',
    });
  });

  it('returns one chart point per day of the month, actual before today and projected after', () => {
    expect(forecast.points).toHaveLength(31);
    expect(forecast.points[13]).toEqual({
      day: '2025-03-14',
      actualMicros: usd(25),
      cumulativeRunRateMicros: usd(350),
      cumulativeHoltMicros: usd(350),
      budgetPaceMicros: Math.round((usd(500) * 14) / 31),
    });
    expect(forecast.points[14]).toMatchObject({
      day: '2025-03-15',
      runRateMicros: usd(25),
      holtMicros: usd(25),
      holtLowMicros: usd(25),
      holtHighMicros: usd(25),
      cumulativeRunRateMicros: usd(375),
    });
    expect(forecast.points[14].actualMicros).toBeUndefined();
    expect(forecast.points[30].budgetPaceMicros).toBe(BUDGET);
  });

  it('reports the parameters it ran with', () => {
    expect(forecast.parameters).toEqual(DEFAULT_FORECAST_PARAMETERS);
  });
});

describe('forecastMonth month lengths', () => {
  const flatTen = dailySeries('2023-12-01', 200, () => 10);

  it.each([
    ['2024-02', 29, '2024-02-10T00:00:00Z'],
    ['2025-02', 28, '2025-02-10T00:00:00Z'],
    ['2025-04', 30, '2025-04-10T00:00:00Z'],
    ['2025-01', 31, '2025-01-10T00:00:00Z'],
  ])('forecasts %s as %i days × $10', (month, days, now) => {
    const forecast = forecastMonth({
      now: new Date(now),
      month,
      budgetMicros: BUDGET,
      daily: month.startsWith('2025')
        ? dailySeries('2024-11-01', 200, () => 10)
        : flatTen,
    });
    expect(forecast.burn.daysInMonth).toBe(days);
    expect(forecast.points).toHaveLength(days);
    expect(forecast.runRate.monthEndMicros).toBe(usd(10 * days));
  });
});

describe('forecastMonth on a linear ramp of +$1/day', () => {
  // $10 on 2025-03-03, $11 on 03-04, …: $39 on 04-01 and $48 on 04-10, the last complete day.
  const forecast = forecastMonth({
    now: new Date('2025-04-11T06:00:00Z'),
    budgetMicros: usd(1000),
    daily: dailySeries('2025-03-03', 39, i => 10 + i),
  });

  it('extends the line with Holt: 39..48 actual, then 49..68 projected', () => {
    // 435 actual + (49 + 68) × 20 / 2 = 435 + 1170
    expect(forecast.burn.monthToDateMicros).toBe(usd(435));
    expect(forecast.holt.monthEndMicros).toBe(usd(1605));
    expect(forecast.points[10].holtMicros).toBe(usd(49));
    expect(forecast.points[29].holtMicros).toBe(usd(68));
  });

  it('holds the run rate at the average of the last 7 days (42..48 → $45)', () => {
    expect(forecast.burn.burnRateDailyMicros).toBe(usd(45));
    expect(forecast.runRate.monthEndMicros).toBe(usd(435 + 45 * 20));
  });

  it('finds where each method crosses the budget', () => {
    // Holt: 435 + 49 + … + 60 = 435 + 654 = 1089 on 04-22; 435 + 49 + … + 59 = 1029 on 04-21.
    expect(forecast.holt.exhaustion).toEqual({
      day: '2025-04-21',
      basis: 'forecast',
    });
    // Run rate: 435 + 45 × 13 = 1020 on 04-23; 975 on 04-22.
    expect(forecast.runRate.exhaustion).toEqual({
      day: '2025-04-23',
      basis: 'forecast',
    });
  });

  it('damping flattens the projected trend', () => {
    const damped = forecastMonth({
      now: new Date('2025-04-11T06:00:00Z'),
      budgetMicros: usd(1000),
      daily: dailySeries('2025-03-03', 39, i => 10 + i),
      parameters: { phi: 0.8 },
    });
    expect(damped.holt.monthEndMicros).toBeLessThan(
      forecast.holt.monthEndMicros,
    );
    const step = (from: number) =>
      damped.points[from + 1].holtMicros! - damped.points[from].holtMicros!;
    expect(step(28)).toBeLessThan(step(10));
  });
});

describe('forecastMonth data handling', () => {
  const now = new Date('2025-03-15T12:00:00Z');

  it('ignores rows for today and later, the day is not over', () => {
    const daily = [
      ...dailySeries('2025-02-01', 42, () => 25),
      { day: '2025-03-15', amountMicros: usd(9000) },
      { day: '2025-03-16', amountMicros: usd(9000) },
    ];
    const forecast = forecastMonth({ now, budgetMicros: BUDGET, daily });
    expect(forecast.runRate.monthEndMicros).toBe(usd(775));
    expect(forecast.holt.monthEndMicros).toBe(usd(775));
  });

  it('adds rows of the same day, such as one per service', () => {
    const daily = [
      ...dailySeries('2025-02-01', 42, () => 20),
      ...dailySeries('2025-02-01', 42, () => 5),
    ];
    expect(
      forecastMonth({ now, budgetMicros: BUDGET, daily }).runRate
        .monthEndMicros,
    ).toBe(usd(775));
  });

  it('counts a missing day inside the data as $0', () => {
    // $70 a day, but 03-10 and 03-12 have no rows: the last 7 days average 70 × 5 / 7 = $50.
    const daily = dailySeries('2025-02-01', 42, () => 70).filter(
      d => d.day !== '2025-03-10' && d.day !== '2025-03-12',
    );
    const forecast = forecastMonth({ now, budgetMicros: BUDGET, daily });
    expect(forecast.burn.burnRateDailyMicros).toBe(usd(50));
    expect(forecast.burn.monthToDateMicros).toBe(usd(70 * 12));
  });

  it('does not count days before the data starts as $0', () => {
    // Three days of history: the run rate is their average, not their sum ÷ 7.
    const daily = dailySeries('2025-03-12', 3, () => 30);
    const forecast = forecastMonth({ now, budgetMicros: BUDGET, daily });
    expect(forecast.burn.burnRateDailyMicros).toBe(usd(30));
    expect(forecast.runRate.monthEndMicros).toBe(usd(90 + 30 * 17));
  });

  it('forecasts $0 without any data', () => {
    const forecast = forecastMonth({ now, budgetMicros: BUDGET, daily: [] });
    expect(forecast.runRate.monthEndMicros).toBe(0);
    expect(forecast.holt.monthEndMicros).toBe(0);
    expect(forecast.runRate.exhaustion).toBeNull();
    expect(forecast.burn.burnRatio).toBe(0);
  });

  it('never projects a negative day from a falling trend', () => {
    const daily = dailySeries('2025-02-13', 30, i => Math.max(0, 60 - 3 * i));
    const forecast = forecastMonth({ now, budgetMicros: BUDGET, daily });
    const projected = forecast.points.filter(p => p.actualMicros === undefined);
    expect(
      projected.every(p => p.holtMicros! >= 0 && p.holtLowMicros! >= 0),
    ).toBe(true);
  });

  it('reports no exhaustion when the month stays under budget', () => {
    const forecast = forecastMonth({
      now,
      budgetMicros: BUDGET,
      daily: dailySeries('2025-02-01', 42, () => 10),
    });
    expect(forecast.runRate.exhaustion).toBeNull();
    expect(forecast.runRate.monthEndMicros).toBe(usd(310));
  });

  it('dates an exhaustion that already happened on the actual day', () => {
    // $50 a day: the 10th brings month-to-date to $500.
    const forecast = forecastMonth({
      now,
      budgetMicros: BUDGET,
      daily: dailySeries('2025-02-01', 42, () => 50),
    });
    expect(forecast.runRate.exhaustion).toEqual({
      day: '2025-03-10',
      basis: 'actual',
    });
    expect(forecast.holt.exhaustion).toEqual({
      day: '2025-03-10',
      basis: 'actual',
    });
  });

  it('treats a past month as complete: the forecast is the actual total', () => {
    const forecast = forecastMonth({
      now,
      month: '2025-02',
      budgetMicros: BUDGET,
      daily: dailySeries('2025-01-01', 73, i => (i % 2 === 0 ? 10 : 30)),
    });
    expect(forecast.burn).toMatchObject({
      elapsedDays: 28,
      remainingDays: 0,
      monthToDateMicros: usd(560),
    });
    expect(forecast.runRate.monthEndMicros).toBe(usd(560));
    expect(forecast.holt.monthEndMicros).toBe(usd(560));
    expect(forecast.holt.monthEndHighMicros).toBe(usd(560));
    expect(forecast.points.every(p => p.actualMicros !== undefined)).toBe(true);
  });

  it('on the first of the month has no complete day yet and forecasts from last month', () => {
    const forecast = forecastMonth({
      now: new Date('2025-03-01T00:00:00Z'),
      budgetMicros: BUDGET,
      daily: dailySeries('2025-01-01', 59, () => 20),
    });
    expect(forecast.asOf).toBe('2025-02-28');
    expect(forecast.burn).toMatchObject({
      elapsedDays: 0,
      remainingDays: 31,
      monthToDateMicros: 0,
      proRatedBudgetMicros: 0,
      percentOfProRated: null,
      averageDailyMicros: null,
    });
    expect(forecast.runRate.monthEndMicros).toBe(usd(620));
  });

  it('uses the UTC day of now, whatever the local time zone', () => {
    const late = forecastMonth({
      now: new Date('2025-03-15T23:59:59.999Z'),
      budgetMicros: BUDGET,
      daily: dailySeries('2025-02-01', 42, () => 25),
    });
    expect(late.burn.elapsedDays).toBe(14);
  });
});

describe('forecastMonth band', () => {
  // A weekly pattern with weekend dips around a slow rise.
  const daily = dailySeries(
    '2025-01-01',
    73,
    i => 20 + 0.1 * i + (i % 7 >= 5 ? -8 : 2),
  );
  const forecast = forecastMonth({
    now: new Date('2025-03-15T00:00:00Z'),
    budgetMicros: BUDGET,
    daily,
  });
  const projected = forecast.points.filter(p => p.actualMicros === undefined);

  it('keeps each projected day between its low and high edge', () => {
    for (const p of projected) {
      expect(p.holtLowMicros!).toBeLessThanOrEqual(p.holtMicros!);
      expect(p.holtHighMicros!).toBeGreaterThanOrEqual(p.holtMicros!);
    }
  });

  it('widens the band with the horizon', () => {
    const width = (p: (typeof projected)[number]) =>
      p.holtHighMicros! - p.holtLowMicros!;
    expect(width(projected[projected.length - 1])).toBeGreaterThan(
      width(projected[0]),
    );
  });

  it('brackets the month-end forecast', () => {
    expect(forecast.holt.monthEndLowMicros!).toBeLessThan(
      forecast.holt.monthEndMicros,
    );
    expect(forecast.holt.monthEndHighMicros!).toBeGreaterThan(
      forecast.holt.monthEndMicros,
    );
  });
});

describe('Holt model', () => {
  it('fits a short series as computed by hand', () => {
    // start: level 10, trend (11 − 10) / 2 = 0.5
    // t=1: predicted 10.5, error 1.5,    level 11.25,  trend 0.875
    // t=2: predicted 12.125, error −1.125, level 11.5625, trend 0.59375
    const fit = fitHolt([10, 12, 11], { alpha: 0.5, beta: 0.5, phi: 1 });
    expect(fit.level).toBeCloseTo(11.5625, 12);
    expect(fit.trend).toBeCloseTo(0.59375, 12);
    expect(fit.sigma).toBeCloseTo(Math.sqrt((1.5 ** 2 + 1.125 ** 2) / 2), 12);
    expect(holtPointForecast(fit, 2, 1)).toBeCloseTo(11.5625 + 2 * 0.59375, 12);
  });

  it('fits nothing to an empty series and no trend to a single day', () => {
    expect(fitHolt([], DEFAULT_FORECAST_PARAMETERS)).toEqual({
      level: 0,
      trend: 0,
      sigma: 0,
    });
    expect(fitHolt([7], DEFAULT_FORECAST_PARAMETERS)).toEqual({
      level: 7,
      trend: 0,
      sigma: 0,
    });
  });

  it('damps the trend geometrically', () => {
    const fit = { level: 100, trend: 10, sigma: 0 };
    expect(holtPointForecast(fit, 2, 0.5)).toBeCloseTo(
      100 + (0.5 + 0.25) * 10,
      12,
    );
  });

  it('widens the error of day h by the state-space formula', () => {
    // √(1 + (0.3 × 1.1)² + (0.3 × 1.2)²) = √1.2385
    const sd = holtStdDev({ level: 0, trend: 0, sigma: 2 }, 3, {
      alpha: 0.3,
      beta: 0.1,
      phi: 1,
    });
    expect(sd).toBeCloseTo(2 * Math.sqrt(1.2385), 12);
  });
});

describe('forecastMonth input checks', () => {
  const base = {
    now: new Date('2025-03-15T00:00:00Z'),
    budgetMicros: BUDGET,
    daily: [],
  };

  it('refuses a budget of $0', () => {
    expect(() => forecastMonth({ ...base, budgetMicros: 0 })).toThrow(
      InputError,
    );
  });

  it('refuses a fractional amount of micro-dollars', () => {
    expect(() =>
      forecastMonth({
        ...base,
        daily: [{ day: '2025-03-01', amountMicros: 0.5 }],
      }),
    ).toThrow(/whole number of micro-dollars/);
  });

  it('refuses a malformed day', () => {
    expect(() =>
      forecastMonth({
        ...base,
        daily: [{ day: '2025-02-30', amountMicros: 1 }],
      }),
    ).toThrow(/not a calendar day/);
  });

  it('refuses smoothing parameters outside their range', () => {
    expect(() => forecastMonth({ ...base, parameters: { alpha: 0 } })).toThrow(
      /alpha/,
    );
    expect(() => forecastMonth({ ...base, parameters: { phi: 1.2 } })).toThrow(
      /phi/,
    );
    expect(() =>
      forecastMonth({ ...base, parameters: { runRateDays: 0 } }),
    ).toThrow(/runRateDays/);
  });

  it('refuses a malformed month', () => {
    expect(() => forecastMonth({ ...base, month: '2025-13' })).toThrow(
      /not a month/,
    );
  });
});
