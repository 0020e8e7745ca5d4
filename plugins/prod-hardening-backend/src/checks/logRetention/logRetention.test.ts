import { evaluateLogRetention } from './evaluate';
import { planLogRetention } from './plan';

describe('cloudwatch-logs-retention', () => {
  it('wants log retention between 30 and 90 days: forever or shorter fails, longer warns', () => {
    const g = (retentionDays?: number) => ({
      name: 'g',
      arn: 'g',
      retentionDays,
    });
    expect(evaluateLogRetention({ groups: [g(30), g(90)] }).status).toBe(
      'PASS',
    );
    expect(evaluateLogRetention({ groups: [g(30), g(365)] }).status).toBe(
      'WARN',
    );
    expect(evaluateLogRetention({ groups: [g(30), g(7)] }).status).toBe('FAIL');
    expect(evaluateLogRetention({ groups: [g(undefined)] }).status).toBe(
      'FAIL',
    );
  });

  it('raises short or missing retention to 30 days and never shortens a longer one', () => {
    const plan = planLogRetention({
      groups: [
        { name: 'forever' },
        { name: 'week', retentionDays: 7 },
        { name: 'year', retentionDays: 365 },
      ],
    });
    expect(plan.calls.map(c => c.params)).toEqual([
      { logGroupName: 'forever', retentionInDays: 30 },
      { logGroupName: 'week', retentionInDays: 30 },
    ]);
    expect(plan.expected).toEqual({ forever: 30, week: 30, year: 365 });
  });
});
