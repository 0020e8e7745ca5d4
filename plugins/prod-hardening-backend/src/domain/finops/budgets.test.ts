import { budgetStatus, BudgetSnapshot } from './budgets';

const snapshot = (over: Partial<BudgetSnapshot> = {}): BudgetSnapshot => ({
  name: 'monthly',
  limitUsd: '1000',
  actualUsd: '850',
  forecastUsd: '1200',
  notifications: [
    {
      notificationType: 'ACTUAL',
      comparisonOperator: 'GREATER_THAN',
      threshold: 80,
      thresholdType: 'PERCENTAGE',
    },
    {
      notificationType: 'ACTUAL',
      comparisonOperator: 'GREATER_THAN',
      threshold: 100,
      thresholdType: 'PERCENTAGE',
    },
    {
      notificationType: 'FORECASTED',
      comparisonOperator: 'GREATER_THAN',
      threshold: 1100,
      thresholdType: 'ABSOLUTE_VALUE',
    },
  ],
  ...over,
});

describe('budgetStatus', () => {
  it('turns percentages and absolute thresholds into micro-dollars and fires on actual or forecast spend', () => {
    const status = budgetStatus(snapshot());
    expect(status).toMatchObject({
      name: 'monthly',
      limitMicros: 1_000_000_000,
      actualMicros: 850_000_000,
      forecastMicros: 1_200_000_000,
    });
    expect(
      status.notifications.map(n => [
        n.thresholdMicros,
        n.comparedMicros,
        n.fired,
      ]),
    ).toEqual([
      [800_000_000, 850_000_000, true],
      [1_000_000_000, 850_000_000, false],
      [1_100_000_000, 1_200_000_000, true],
    ]);
  });

  it('compares a forecast notification with 0 when AWS has no forecast yet, and honours LESS_THAN and EQUAL_TO', () => {
    const status = budgetStatus(
      snapshot({
        forecastUsd: undefined,
        actualUsd: undefined,
        notifications: [
          {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: 1,
            thresholdType: 'ABSOLUTE_VALUE',
          },
          {
            notificationType: 'ACTUAL',
            comparisonOperator: 'LESS_THAN',
            threshold: 10,
            thresholdType: 'PERCENTAGE',
          },
          {
            notificationType: 'ACTUAL',
            comparisonOperator: 'EQUAL_TO',
            threshold: 0,
            thresholdType: 'ABSOLUTE_VALUE',
          },
        ],
      }),
    );
    expect(status.forecastMicros).toBeNull();
    expect(status.actualMicros).toBe(0);
    expect(status.notifications.map(n => n.fired)).toEqual([false, true, true]);
  });
});
