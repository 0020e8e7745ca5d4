import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { overviewFixture } from '../../testUtils/finopsFixtures';
import { AnomalyList } from './FinOpsLists';

// In its own file: permission decisions are cached per module, so an allowed user
// rendered earlier in the same file would leak into this test.
describe('AnomalyTriage for a user without prod-hardening.finops.feedback', () => {
  it('shows the latest answer with who, when and why, and no buttons', async () => {
    const permissionAsked: string[] = [];
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [prodHardeningApiRef, fakeApi()],
          [
            permissionApiRef,
            mockApis.permission({
              authorize: request => {
                permissionAsked.push(request.permission.name);
                return 'DENY' as any;
              },
            }),
          ],
        ]}
      >
        <AnomalyList
          anomalies={[
            {
              ...overviewFixture.anomalies[0],
              feedback: {
                source: 'portal',
                anomalyId: overviewFixture.anomalies[0].id,
                feedback: 'NO',
                comment: 'the nightly export, as every month',
                answeredBy: 'user:default/fiona',
                answeredAt: '2026-11-26T09:30:00.000Z',
              },
            },
          ]}
          awsAnomalies={[]}
        />
      </TestApiProvider>,
    );
    expect(await screen.findByTestId('anomaly-feedback')).toHaveTextContent(
      'No, not an anomaly — user:default/fiona, 2026-11-26 09:30 UTC: the nightly export, as every month',
    );
    await waitFor(() =>
      expect(permissionAsked).toContain('prod-hardening.finops.feedback'),
    );
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
