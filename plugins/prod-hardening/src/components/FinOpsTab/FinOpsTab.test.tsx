import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { overviewFixture } from '../../testUtils/finopsFixtures';
import { FinOpsTab } from './FinOpsTab';

const render = (api: ReturnType<typeof fakeApi>) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [prodHardeningApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <FinOpsTab />
    </TestApiProvider>,
  );

describe('FinOpsTab', () => {
  it('shows the budget as over with both notifications fired, and the exhaustion date', async () => {
    await render(fakeApi({ getFinOpsOverview: async () => overviewFixture }));
    const gauge = await screen.findByTestId('budget-gauge');
    expect(gauge).toHaveAttribute('data-state', 'over');
    expect(gauge).toHaveTextContent('$675.00');
    expect(gauge).toHaveTextContent('$750.00');
    expect(gauge).toHaveTextContent('2026-11-21 (happened)');
    expect(screen.getByText('Forecasted > 80%: fired')).toBeInTheDocument();
    expect(screen.getByText('Actual > 100%: fired')).toBeInTheDocument();
  });

  it("labels the forecast as the portal's own and says why Cost Explorer's is missing", async () => {
    await render(fakeApi({ getFinOpsOverview: async () => overviewFixture }));
    expect(await screen.findByTestId('forecast-basis')).toHaveTextContent(
      "Portal's own forecast only",
    );
    expect(
      screen.getByText(/Cost Explorer forecast: unavailable/),
    ).toHaveTextContent("showing the portal's own forecast only");
  });

  it('lists anomalies, alerts, AI costs and the portal’s own Cost Explorer cost', async () => {
    await render(fakeApi({ getFinOpsOverview: async () => overviewFixture }));
    expect(
      await screen.findByRole('table', { name: 'Cost anomalies' }),
    ).toHaveTextContent('AmazonCloudWatch');
    expect(
      screen.getByRole('table', { name: 'Cost alerts' }),
    ).toHaveTextContent('no — check by hand');
    expect(
      screen.getByRole('table', { name: 'AI cost by provider and agent' }),
    ).toHaveTextContent('$5.00');
    // Alerts are open: the cost alert runbook is one click away.
    expect(
      screen.getAllByTestId('runbook-link-cost-alerts')[0],
    ).toHaveAttribute('href', expect.stringContaining('?runbook=cost-alerts'));
    expect(screen.getByTestId('cost-explorer-usage')).toHaveTextContent(
      'Cost Explorer requests this month: 3 ($0.03 at $0.01 each)',
    );
  });

  it('says which parts are missing when a source is down', async () => {
    await render(
      fakeApi({
        getFinOpsOverview: async () => ({
          ...overviewFixture,
          budget: null,
          ai: null,
        }),
      }),
    );
    expect(await screen.findByText(/Budget unavailable/)).toBeInTheDocument();
    expect(screen.getByText('AI-cost ledger unavailable.')).toBeInTheDocument();
  });

  it('shows the error when the backend cannot be read', async () => {
    await render(
      fakeApi({
        getFinOpsOverview: async () => {
          throw new Error('backend down');
        },
      }),
    );
    expect(
      await screen.findByText(/Could not load FinOps/),
    ).toBeInTheDocument();
  });
});
