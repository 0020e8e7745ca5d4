import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { HealthReport } from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef, ProdHardeningApi } from '../../api';
import { SourceStatusBanner } from './SourceStatusBanner';

const report = (overrides: Partial<HealthReport> = {}): HealthReport => ({
  status: 'ok',
  checkedAt: '2026-11-28T00:00:00.000Z',
  sources: [
    {
      id: 'aws',
      label: 'AWS (us-east-1)',
      state: 'up',
      latencyMs: 12.4,
      details: { account: '123456789012', region: 'us-east-1' },
    },
    { id: 'redis', label: 'Redis (rate limiter)', state: 'up', latencyMs: 1 },
  ],
  ...overrides,
});

const renderWith = (api: Partial<ProdHardeningApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[prodHardeningApiRef, api]]}>
      <SourceStatusBanner />
    </TestApiProvider>,
  );

describe('SourceStatusBanner', () => {
  it('says every source is connected and shows the account', async () => {
    await renderWith({ getHealth: async () => report() });
    expect(
      await screen.findByText('All data sources connected'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('source-aws')).toHaveTextContent(
      'AWS (us-east-1): connected — account 123456789012 (12 ms)',
    );
    expect(screen.getByTestId('source-redis')).toHaveAttribute(
      'data-state',
      'up',
    );
  });

  it('names a source that is down with its reason', async () => {
    await renderWith({
      getHealth: async () =>
        report({
          status: 'degraded',
          sources: [
            report().sources[0],
            {
              id: 'redis',
              label: 'Redis (rate limiter)',
              state: 'down',
              latencyMs: 0.3,
              reason: 'connection refused (is redis-server running?)',
            },
          ],
        }),
    });
    expect(
      await screen.findByText('1 of 2 data sources unavailable'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('source-redis')).toHaveTextContent(
      'Redis (rate limiter): down — connection refused (is redis-server running?)',
    );
  });

  it('explains when the backend itself cannot be reached', async () => {
    await renderWith({
      getHealth: async () => {
        throw new Error('Request failed with 503 Service Unavailable');
      },
    });
    expect(
      await screen.findByText('Cannot reach the prod-hardening backend'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Request failed with 503 Service Unavailable'),
    ).toBeInTheDocument();
  });
});
