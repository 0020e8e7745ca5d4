import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fakeApi } from '../../testUtils/fakeApi';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { PostureTab } from './PostureTab';
import { page, report } from '../../testUtils/postureFixtures';

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
