import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type { FinOpsOptimisation } from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { OptimisationSection } from './OptimisationSection';

const optimisation: FinOpsOptimisation = {
  generatedAt: '2026-11-28T08:00:00.000Z',
  changeDay: '2026-10-29',
  usageRefreshedAt: '2026-11-28T06:00:00.000Z',
  targets: [
    {
      id: 'vpc-endpoints-nat',
      title: 'NAT Gateway cost cut by the S3 and DynamoDB gateway endpoints',
      goalPercent: 20,
      basis: 'EC2 - Other, usage types *NatGateway-Bytes and *NatGateway-Hours',
      status: 'met',
      explanation:
        '25.3% lower per day than the 30 days before 2026-10-29 (goal 20%).',
      baseline: {
        from: '2026-09-29',
        to: '2026-10-28',
        days: 30,
        dailyAverageMicros: 2_330_000,
      },
      current: {
        from: '2026-10-29',
        to: '2026-11-27',
        days: 30,
        dailyAverageMicros: 1_740_000,
      },
      reductionPercent: 25.3,
      monthlySavingMicros: 17_700_000,
    },
    {
      id: 'dynamodb-ttl-storage',
      title: 'DynamoDB storage cost cut by TTL on the cost tables',
      goalPercent: 30,
      basis: 'Amazon DynamoDB, usage type *TimedStorage-ByteHrs',
      status: 'behind',
      explanation:
        '22% lower per day than the 30 days before 2026-10-29 (goal 30%).',
      reductionPercent: 22,
      monthlySavingMicros: 3_300_000,
    },
  ],
  trustedAdvisor: {
    state: 'ok',
    checkedAt: '2026-11-28T06:00:00.000Z',
    totalEstimatedMonthlySavingsMicros: 16_200_000,
    checks: [
      {
        id: 'hjLMh88uM8',
        name: 'Idle Load Balancers',
        status: 'warning',
        resourcesFlagged: 1,
        resourcesProcessed: 3,
        estimatedMonthlySavingsMicros: 16_200_000,
      },
    ],
  },
};

const render = (api: ReturnType<typeof fakeApi>) =>
  renderInTestApp(
    <TestApiProvider apis={[[prodHardeningApiRef, api]]}>
      <OptimisationSection />
    </TestApiProvider>,
  );

describe('OptimisationSection', () => {
  it('shows each savings target against its goal', async () => {
    await render(fakeApi({ getFinOpsOptimisation: async () => optimisation }));
    const nat = await screen.findByTestId('savings-target-vpc-endpoints-nat');
    expect(nat).toHaveTextContent('Goal met');
    expect(nat).toHaveTextContent('−25.3% per day · goal −20%');
    expect(nat).toHaveTextContent('about $17.70 a month saved');
    expect(nat).toHaveTextContent(
      'Before: $2.33/day (2026-09-29 – 2026-10-28)',
    );
    expect(within(nat).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    const ttl = screen.getByTestId('savings-target-dynamodb-ttl-storage');
    expect(ttl).toHaveTextContent('Behind goal');
    expect(ttl).toHaveTextContent('goal −30%');
    expect(within(ttl).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '73',
    );
  });

  it('lists Trusted Advisor checks with the savings still open', async () => {
    await render(fakeApi({ getFinOpsOptimisation: async () => optimisation }));
    const table = await screen.findByRole('table', {
      name: 'Trusted Advisor cost checks',
    });
    expect(table).toHaveTextContent('Idle Load Balancers');
    expect(table).toHaveTextContent('Investigate');
    expect(table).toHaveTextContent('1 of 3');
    expect(screen.getByText(/Estimated savings still open/)).toHaveTextContent(
      '$16.20',
    );
  });

  it('says plainly when Trusted Advisor is not available on the account', async () => {
    await render(
      fakeApi({
        getFinOpsOptimisation: async () => ({
          ...optimisation,
          trustedAdvisor: {
            state: 'not-available',
            reason:
              'Not available on this account: the AWS Support API (and so Trusted Advisor) needs a Business, Enterprise On-Ramp or Enterprise support plan.',
          },
        }),
      }),
    );
    expect(
      await screen.findByRole('alert', {
        name: 'Trusted Advisor availability',
      }),
    ).toHaveTextContent('Not available on this account');
    expect(
      screen.queryByRole('table', { name: 'Trusted Advisor cost checks' }),
    ).not.toBeInTheDocument();
  });

  it('shows a cost rise as an empty bar, and the reason the usage read failed', async () => {
    await render(
      fakeApi({
        getFinOpsOptimisation: async () => ({
          ...optimisation,
          usageUnavailableReason: 'access denied: ce:GetCostAndUsage',
          targets: [
            {
              ...optimisation.targets[0],
              status: 'behind',
              reductionPercent: -12.5,
              monthlySavingMicros: -4_000_000,
            },
          ],
        }),
      }),
    );
    const nat = await screen.findByTestId('savings-target-vpc-endpoints-nat');
    expect(nat).toHaveTextContent('+12.5% per day');
    expect(nat).not.toHaveTextContent('a month saved');
    expect(within(nat).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
    expect(
      screen.getByText(/Cost Explorer usage types could not be read/),
    ).toHaveTextContent('access denied: ce:GetCostAndUsage');
  });
});
