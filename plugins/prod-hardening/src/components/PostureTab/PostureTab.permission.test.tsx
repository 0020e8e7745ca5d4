import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { page, report } from '../../testUtils/postureFixtures';
import { PostureTab } from './PostureTab';

// In its own file: permission decisions are cached per module (SWR), so a user who
// may remediate, rendered earlier in the same file, would leak into this test.
describe('PostureTab for a user without the remediation permission', () => {
  it('disables the remediation button', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              getPosture: async () => report,
              getFindings: async () => page(),
            }),
          ],
          [permissionApiRef, mockApis.permission({ authorize: 'DENY' })],
        ]}
      >
        <PostureTab />
      </TestApiProvider>,
    );
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
