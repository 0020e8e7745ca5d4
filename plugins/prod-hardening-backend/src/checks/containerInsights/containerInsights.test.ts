import { evaluateContainerInsights } from './evaluate';
import { planContainerInsights } from './plan';

describe('ecs-container-insights', () => {
  it('counts Container Insights per cluster and warns about a missing cluster', () => {
    const e = evaluateContainerInsights({
      clusters: [
        { name: 'a', arn: 'a', containerInsights: 'enabled', found: true },
        { name: 'b', arn: 'b', containerInsights: 'enhanced', found: true },
        { name: 'c', arn: 'c', found: false },
      ],
    });
    expect(e.status).toBe('WARN');
    expect(e.summary).toBe('Container Insights is on for 2 of 3 clusters.');
  });

  it('leaves clusters that are missing or already on alone', () => {
    const plan = planContainerInsights({
      clusters: [
        { name: 'a', containerInsights: 'enhanced', found: true },
        { name: 'b', found: false },
        { name: 'c', containerInsights: 'disabled', found: true },
      ],
    });
    expect(plan.calls).toEqual([
      {
        service: 'ecs',
        action: 'UpdateCluster',
        params: {
          cluster: 'c',
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        },
      },
    ]);
  });
});
