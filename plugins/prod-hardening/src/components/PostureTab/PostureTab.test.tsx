import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fakeApi } from '../../testUtils/fakeApi';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type {
  FindingsPage,
  PostureReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef } from '../../api';
import { PostureTab } from './PostureTab';

const report: PostureReport = {
  accountId: '123456789012',
  region: 'us-east-1',
  evaluatedAt: '2026-11-28T00:00:00.000Z',
  score: {
    securityHubPercent: 50,
    severityWeightedPercent: 16.7,
    passed: 1,
    failed: 1,
    warned: 0,
    errored: 1,
  },
  checks: [
    {
      id: 's3-account-public-access-block',
      title: 'S3 Block Public Access is on for the whole account',
      pillar: 'security',
      control: 'S3.1',
      severity: 'CRITICAL',
      status: 'FAIL',
      summary: 'The account has no S3 Block Public Access configuration.',
      resources: [
        {
          resourceId: 'acct',
          resourceType: 'AwsAccount',
          status: 'FAIL',
          evidence: 'no PublicAccessBlockConfiguration',
        },
      ],
      remediation: { kind: 'automated', why: 'One setting.' },
      canAutoRemediate: true,
      evaluatedAt: '2026-11-28T00:00:00.000Z',
    },
    {
      id: 'ecs-container-insights',
      title: 'Container Insights is on for the production ECS clusters',
      pillar: 'observability',
      control: 'ECS.12',
      severity: 'MEDIUM',
      status: 'PASS',
      summary: 'Container Insights is on for 3 of 3 clusters.',
      resources: [],
      remediation: { kind: 'automated', why: 'A cluster setting.' },
      canAutoRemediate: false,
      evaluatedAt: '2026-11-28T00:00:00.000Z',
    },
  ],
};

const page = (over: Partial<FindingsPage> = {}): FindingsPage => ({
  items: [
    {
      id: 'f1',
      title: 'EC2 instance is querying a domain associated with Bitcoin',
      severity: 'HIGH',
      product: 'GuardDuty',
      workflowStatus: 'NEW',
      resourceType: 'AwsEc2Instance',
      resourceId: 'i-0abc',
      region: 'us-east-1',
      accountId: '123456789012',
      firstSeen: '2026-11-20T00:00:00Z',
      lastSeen: '2026-11-27T00:00:00Z',
    },
  ],
  total: 1,
  bySeverity: { CRITICAL: 0, HIGH: 1, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 },
  ...over,
});

describe('PostureTab', () => {
  it('shows both scores, the checks by pillar and the findings', async () => {
    const api = fakeApi({
      getPosture: async () => report,
      getFindings: async () => page(),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [prodHardeningApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <PostureTab />
      </TestApiProvider>,
    );
    expect(
      await screen.findByLabelText('Security Hub score'),
    ).toHaveTextContent('50.0%');
    expect(screen.getByLabelText('Severity-weighted score')).toHaveTextContent(
      '16.7%',
    );
    expect(
      screen.getByRole('region', { name: 'Security checks' }),
    ).toHaveTextContent('S3 Block Public Access');
    expect(
      screen.getByRole('region', { name: 'Observability checks' }),
    ).toHaveTextContent('Container Insights');
    expect(
      await screen.findByText(
        'EC2 instance is querying a domain associated with Bitcoin',
      ),
    ).toBeInTheDocument();
  });

  it('asks the backend for the selected severity when a severity chip is pressed', async () => {
    const getFindings = jest.fn(async () => page());
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({ getPosture: async () => report, getFindings }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <PostureTab />
      </TestApiProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'HIGH 1' }));
    await waitFor(() =>
      expect(getFindings).toHaveBeenLastCalledWith(
        expect.objectContaining({ severity: ['HIGH'], page: 0 }),
      ),
    );
  });

  it('says why when the findings source is unavailable, and still shows the checks', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              getPosture: async () => report,
              getFindings: async () =>
                page({
                  items: [],
                  total: 0,
                  unavailableReason:
                    'Security Hub findings are unavailable: access denied: x',
                }),
            }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <PostureTab />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(
        'Security Hub findings are unavailable: access denied: x',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('S3 Block Public Access is on for the whole account'),
    ).toBeInTheDocument();
  });
});

describe('PostureTab remediation button', () => {
  const renderWithPermission = (result: 'ALLOW' | 'DENY') =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              getPosture: async () => report,
              getFindings: async () => page(),
            }),
          ],
          [permissionApiRef, mockApis.permission({ authorize: result })],
        ]}
      >
        <PostureTab />
      </TestApiProvider>,
    );

  it('offers remediation only on failing checks the portal can fix', async () => {
    await renderWithPermission('ALLOW');
    fireEvent.click(
      await screen.findByText(
        'S3 Block Public Access is on for the whole account',
      ),
    );
    fireEvent.click(
      screen.getByText(
        'Container Insights is on for the production ECS clusters',
      ),
    );
    const buttons = screen.getAllByRole('button', { name: 'Remediate…' });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toBeEnabled();
  });

  it('disables the button for a user without the remediation permission', async () => {
    await renderWithPermission('DENY');
    fireEvent.click(
      await screen.findByText(
        'S3 Block Public Access is on for the whole account',
      ),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Remediate…' })).toBeDisabled(),
    );
  });
});

describe('PostureTab score trend', () => {
  it('asks for 30 days, then for the period the user picks, and explains an empty trend', async () => {
    const getPostureTrend = jest.fn(async () => []);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              getPosture: async () => report,
              getFindings: async () => page(),
              getPostureTrend,
            }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <PostureTab />
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('trend-empty')).toHaveTextContent(
      'No snapshot yet',
    );
    expect(getPostureTrend).toHaveBeenCalledWith(30);
    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    await waitFor(() => expect(getPostureTrend).toHaveBeenLastCalledWith(7));
  });
});
