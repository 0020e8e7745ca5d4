import { CostValidationError } from './errors';
import { createCostMonitoringFromEnv } from './fromEnv';

describe('createCostMonitoringFromEnv', () => {
  it("uses the seed's table names unless the environment names others", async () => {
    const defaults = createCostMonitoringFromEnv({ AWS_REGION: 'us-east-1' });
    expect(defaults.tables).toEqual({
      aiCosts: 'huntaze-ai-costs-production',
      costAlerts: 'huntaze-cost-alerts-production',
    });
    await defaults.close();

    const named = createCostMonitoringFromEnv({
      AWS_REGION: 'eu-west-1',
      COST_MONITORING_AI_COSTS_TABLE: 'costs-staging',
      COST_MONITORING_ALERTS_TABLE: 'alerts-staging',
      COST_MONITORING_MONTHLY_BUDGET_USD: '500',
    });
    expect(named.tables).toEqual({
      aiCosts: 'costs-staging',
      costAlerts: 'alerts-staging',
    });
    await named.close();
  });

  it('names the variable that is wrong', () => {
    const attempt = () =>
      createCostMonitoringFromEnv({ COST_MONITORING_MONTHLY_BUDGET_USD: '-3' });
    expect(attempt).toThrow(CostValidationError);
    expect(attempt).toThrow(
      'COST_MONITORING_MONTHLY_BUDGET_USD: must be a positive number',
    );
    expect(() =>
      createCostMonitoringFromEnv({ COST_MONITORING_ENDPOINT: 'not a url' }),
    ).toThrow(/COST_MONITORING_ENDPOINT/);
  });
});
