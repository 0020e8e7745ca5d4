import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SuccessMetricsReport } from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { RunbookDrawer } from '../Runbooks';
import { SuccessMetricsTab } from './SuccessMetricsTab';

const report: SuccessMetricsReport = {
  generatedAt: '2026-11-28T08:00:00.000Z',
  met: 1,
  notMet: 1,
  unknown: 1,
  metrics: [
    {
      id: 'encryption-coverage',
      pillar: 'security',
      label: 'Encryption coverage',
      target: '100%',
      value: '75%',
      status: 'not-met',
      detail: '3 of 4 resources encrypted.',
      tab: 'posture',
      runbookId: 'elasticache-migration',
    },
    {
      id: 'limiter-compliance',
      pillar: 'rate-limiting',
      label: 'Compliance with 10 messages a minute per creator',
      target: '100%',
      value: '100%',
      status: 'met',
      detail: '0 of 500 deliveries were refused.',
      tab: 'throttling',
      runbookId: 'rate-limiter',
    },
    {
      id: 'monthly-cost',
      pillar: 'finops',
      label: 'Monthly cost (month-end forecast)',
      target: '< $500.00',
      value: null,
      status: 'unknown',
      detail: 'FinOps unavailable: database down',
      tab: 'finops',
    },
  ],
};

const render = (api: ReturnType<typeof fakeApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[prodHardeningApiRef, api]]}>
      <SuccessMetricsTab />
      <RunbookDrawer />
    </TestApiProvider>,
  );

describe('SuccessMetricsTab', () => {
  it('shows every metric with its value, target and status, grouped by pillar', async () => {
    await render(fakeApi({ getSuccessMetrics: async () => report }));
    const table = await screen.findByRole('table', { name: 'Success metrics' });
    expect(within(table).getByText('Security')).toBeInTheDocument();
    expect(within(table).getByText('Rate limiting')).toBeInTheDocument();
    const encryption = screen.getByTestId('success-metric-encryption-coverage');
    expect(encryption).toHaveAttribute('data-status', 'not-met');
    expect(encryption).toHaveTextContent('75%');
    expect(encryption).toHaveTextContent('100%');
    expect(encryption).toHaveTextContent('Not met');
    expect(screen.getByTestId('success-metric-monthly-cost')).toHaveTextContent(
      '—',
    );
    expect(screen.getByTestId('success-metrics-summary')).toHaveTextContent(
      '1 met · 1 not met · 1 unknown',
    );
  });

  it('links a missed metric to its runbook, and opens it in the drawer', async () => {
    const getRunbook = jest.fn(async (id: string) => ({
      id,
      title: 'ElastiCache migration',
      markdown:
        '# ElastiCache migration\n\n## Steps\n\n1. Take a snapshot. See [the rate limiter](rate-limiter.md).',
    }));
    await render(
      fakeApi({ getSuccessMetrics: async () => report, getRunbook }),
    );
    // A met metric does not send anyone to a runbook.
    expect(
      within(
        screen.getByTestId('success-metric-limiter-compliance'),
      ).queryByTestId('runbook-link-rate-limiter'),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await screen.findByTestId('runbook-link-elasticache-migration'),
    );
    const drawer = await screen.findByRole('region', { name: 'Runbook' });
    expect(
      await within(drawer).findByRole('heading', {
        name: 'ElastiCache migration',
      }),
    ).toBeInTheDocument();
    expect(getRunbook).toHaveBeenCalledWith('elasticache-migration');
    // Links between runbooks stay in the portal: the drawer switches runbook.
    await userEvent.click(
      within(drawer).getByRole('link', { name: 'the rate limiter' }),
    );
    expect(getRunbook).toHaveBeenLastCalledWith('rate-limiter');
    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Close runbook' }),
    );
    expect(
      screen.queryByRole('region', { name: 'Runbook' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error and a retry when the backend cannot be read', async () => {
    await render(
      fakeApi({
        getSuccessMetrics: async () => {
          throw new Error('backend down');
        },
      }),
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
