import { evaluateDynamoDbPitr } from './evaluate';
import { planPointInTimeRecovery } from './plan';

const table = (name: string, pointInTimeRecovery: boolean, found = true) => ({
  name,
  found,
  pointInTimeRecovery,
});

describe('dynamodb-pitr', () => {
  it('fails while a cost table has no point-in-time recovery', () => {
    expect(
      evaluateDynamoDbPitr({
        tables: [table('ai-costs', true), table('cost-alerts', false)],
      }).status,
    ).toBe('FAIL');
    expect(
      evaluateDynamoDbPitr({ tables: [table('ai-costs', true)] }).status,
    ).toBe('PASS');
  });

  it('turns it on for the tables that lack it, leaving missing tables alone', () => {
    const plan = planPointInTimeRecovery({
      tables: [
        table('ai-costs', false),
        table('cost-alerts', true),
        table('gone', false, false),
      ],
    });
    expect(plan.calls).toEqual([
      {
        service: 'dynamodb',
        action: 'UpdateContinuousBackups',
        params: {
          TableName: 'ai-costs',
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
        },
      },
    ]);
    expect(plan.expected).toEqual({
      'ai-costs': 'ENABLED',
      'cost-alerts': 'ENABLED',
    });
  });
});
