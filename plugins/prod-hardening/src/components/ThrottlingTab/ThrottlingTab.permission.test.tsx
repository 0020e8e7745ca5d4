import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { overviewFixture } from '../../testUtils/throttlingFixtures';
import { ThrottlingTab } from './ThrottlingTab';

// In its own file: permission decisions are cached per module, so an allowed user
// rendered earlier in the same file would leak into this test.
describe('ThrottlingTab for a user without the remediation permission', () => {
  it('disables the redrive button and says which permission is missing', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({ getThrottlingOverview: async () => overviewFixture }),
          ],
          [permissionApiRef, mockApis.permission({ authorize: 'DENY' })],
        ]}
      >
        <ThrottlingTab />
      </TestApiProvider>,
    );
    const button = await screen.findByRole('button', { name: 'Redrive DLQ…' });
    await waitFor(() => expect(button).toBeDisabled());
    expect(
      screen.getByLabelText(
        /needs? the prod-hardening\.remediation\.execute permission/,
      ),
    ).toBeInTheDocument();
  });
});
