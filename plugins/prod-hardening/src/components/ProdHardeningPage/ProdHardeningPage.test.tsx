import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { ProdHardeningPage } from './ProdHardeningPage';

describe('ProdHardeningPage', () => {
  it('shows one tab per pillar of the hardening plan, and the success metrics', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [permissionApiRef, mockApis.permission()],
          [
            prodHardeningApiRef,
            fakeApi({
              getHealth: async () => ({
                status: 'ok' as const,
                checkedAt: '',
                sources: [],
              }),
            }),
          ],
        ]}
      >
        <ProdHardeningPage />
      </TestApiProvider>,
    );
    const tabs = screen.getAllByRole('tab').map(tab => tab.textContent);
    expect(tabs).toEqual([
      'Posture',
      'Approvals',
      'FinOps',
      'Throttling',
      'Weekly review',
      'Success metrics',
    ]);
  });
});
