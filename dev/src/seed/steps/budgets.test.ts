import {
  budgetMatches,
  buildBudgetInput,
  monthToDateSpend,
  startOfMonthUtc,
} from './budgets';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:huntaze-cost-alerts';
const options = {
  accountId: '123456789012',
  budgetName: 'huntaze-monthly-budget',
  limitUsd: 500,
  monthlyRunRateUsd: 750,
  topicArn,
};

describe('monthToDateSpend', () => {
  it('is half the run rate halfway through a 30-day month', () => {
    expect(monthToDateSpend(750, new Date('2026-11-16T00:00:00Z'))).toBe(375);
  });

  it('is zero at the first instant of the month and prorates by days in the month', () => {
    expect(monthToDateSpend(750, new Date('2026-12-01T00:00:00Z'))).toBe(0);
    // 14 of February's 28 days.
    expect(monthToDateSpend(750, new Date('2026-02-15T00:00:00Z'))).toBe(375);
  });
});

describe('buildBudgetInput', () => {
  const now = new Date('2026-11-16T00:00:00Z');
  const input = buildBudgetInput({ ...options, now });

  it('is a $500 monthly cost budget starting at the beginning of the month (UTC)', () => {
    expect(input.Budget).toMatchObject({
      BudgetName: 'huntaze-monthly-budget',
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: '500', Unit: 'USD' },
      TimePeriod: { Start: new Date('2026-11-01T00:00:00Z') },
    });
    expect(startOfMonthUtc(new Date('2026-11-30T23:59:59Z'))).toEqual(
      new Date('2026-11-01T00:00:00Z'),
    );
  });

  it('carries month-to-date actual spend and a ~$750 forecast', () => {
    expect(input.Budget?.CalculatedSpend).toEqual({
      ActualSpend: { Amount: '375', Unit: 'USD' },
      ForecastedSpend: { Amount: '750', Unit: 'USD' },
    });
  });

  it('alerts the cost topic at 80% forecasted and 100% actual', () => {
    expect(
      input.NotificationsWithSubscribers?.map(n => [
        n.Notification?.NotificationType,
        n.Notification?.Threshold,
        n.Notification?.ThresholdType,
        n.Subscribers?.map(s => `${s.SubscriptionType} ${s.Address}`),
      ]),
    ).toEqual([
      ['FORECASTED', 80, 'PERCENTAGE', [`SNS ${topicArn}`]],
      ['ACTUAL', 100, 'PERCENTAGE', [`SNS ${topicArn}`]],
    ]);
  });
});

describe('budgetMatches', () => {
  const now = new Date('2026-11-16T00:00:00Z');
  const wanted = buildBudgetInput({ ...options, now });
  const notifications = wanted.NotificationsWithSubscribers!.map(
    n => n.Notification!,
  );

  it('treats amounts that differ only in formatting as the same budget', () => {
    const stored = {
      ...wanted.Budget!,
      BudgetLimit: { Amount: '500.0', Unit: 'USD' },
    };
    expect(budgetMatches(stored, notifications, wanted)).toBe(true);
  });

  it('sees a budget seeded on an earlier day as stale', () => {
    const earlier = buildBudgetInput({
      ...options,
      now: new Date('2026-11-10T00:00:00Z'),
    });
    expect(budgetMatches(earlier.Budget!, notifications, wanted)).toBe(false);
  });

  it('sees a budget without its alerts as stale', () => {
    expect(budgetMatches(wanted.Budget!, notifications.slice(1), wanted)).toBe(
      false,
    );
  });
});
