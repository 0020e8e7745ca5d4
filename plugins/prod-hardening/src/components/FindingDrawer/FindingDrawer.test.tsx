import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prodHardeningApiRef, ProdHardeningApi } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { findingDetail, runbook } from '../../testUtils/guidedFixtures';
import { page } from '../../testUtils/postureFixtures';
import { FindingsTable } from '../FindingsTable';

const detail = findingDetail();

async function renderTable(overrides: Partial<ProdHardeningApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          prodHardeningApiRef,
          fakeApi({
            getFindings: async () => page({ items: [detail.finding] }),
            ...overrides,
          }),
        ],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <FindingsTable />
    </TestApiProvider>,
  );
  fireEvent.click(
    await screen.findByRole('row', {
      name: `Details of ${detail.finding.title}`,
    }),
  );
  return screen.findByRole('dialog', { name: 'Finding details' });
}

describe('FindingDrawer', () => {
  it('opens from a findings row with every field of the finding', async () => {
    const getFinding = jest.fn(async () => detail);
    const drawer = await renderTable({ getFinding });
    expect(getFinding).toHaveBeenCalledWith(detail.finding.id);
    expect(
      await within(drawer).findByText(
        'This control checks whether a replication group is encrypted at rest.',
      ),
    ).toBeInTheDocument();
    const fields = within(drawer).getByRole('table', {
      name: 'Finding fields',
    });
    for (const text of [
      'Security Hub',
      'ElastiCache.4',
      'FAILED',
      'NEW',
      'AwsElastiCacheReplicationGroup',
      detail.finding.resourceId,
      'us-east-1',
      '123456789012',
      detail.finding.id,
    ])
      expect(fields).toHaveTextContent(text);
    expect(within(drawer).getByText('MEDIUM')).toBeInTheDocument();
    // Not high or critical: no incident runbook.
    expect(
      within(drawer).queryByTestId('runbook-link-security-incident'),
    ).toBeNull();
    expect(
      within(drawer).getByRole('link', { name: detail.finding.remediationUrl }),
    ).toHaveAttribute('href', detail.finding.remediationUrl);
  });

  it('shows a recommendation URL that is not a web address as text, not a link', async () => {
    const hostile = {
      ...detail,
      finding: {
        ...detail.finding,
        remediationUrl: 'javascript:alert(document.cookie)',
      },
    };
    const drawer = await renderTable({
      getFindings: async () => page({ items: [hostile.finding] }),
      getFinding: async () => hostile,
    });
    const section = await within(drawer).findByRole('region', {
      name: 'Recommended remediation',
    });
    expect(
      within(section).getByText('javascript:alert(document.cookie)'),
    ).toBeInTheDocument();
    expect(within(section).queryByRole('link')).toBeNull();
  });

  it('points a high or critical finding to the security incident runbook', async () => {
    const high = {
      ...detail,
      finding: { ...detail.finding, severity: 'HIGH' as const },
    };
    const drawer = await renderTable({
      getFindings: async () => page({ items: [high.finding] }),
      getFinding: async () => high,
    });
    expect(
      await within(drawer).findByTestId('runbook-link-security-incident'),
    ).toHaveAttribute(
      'href',
      // The open finding stays in the URL: closing the runbook goes back to it.
      expect.stringMatching(/\?finding=.+&runbook=security-incident$/),
    );
  });

  it('shows the mapped check with its evidence and opens its runbook', async () => {
    const getGuidedRemediation = jest.fn(async (_c: string, r?: string) =>
      runbook(r!),
    );
    const drawer = await renderTable({
      getFinding: async () => detail,
      getGuidedRemediation,
    });
    const check = await within(drawer).findByRole('region', {
      name: 'Posture check',
    });
    expect(check).toHaveTextContent('FAIL');
    expect(
      within(check).getByRole('table', {
        name: 'Evidence for Redis is encrypted at rest and in transit, with AUTH',
      }),
    ).toHaveTextContent('AtRestEncryptionEnabled=false');
    fireEvent.click(within(check).getByRole('button', { name: 'Runbook…' }));
    expect(
      await screen.findByText(
        'Migrate huntaze-redis to an encrypted replication group',
      ),
    ).toBeInTheDocument();
  });

  it('says when no check covers the finding, and when the finding is gone', async () => {
    const drawer = await renderTable({
      getFinding: async () => findingDetail({ check: undefined }),
    });
    expect(
      await within(drawer).findByText(
        'No posture check of this portal covers this finding.',
      ),
    ).toBeInTheDocument();
    fireEvent.click(within(drawer).getByRole('button', { name: 'Close' }));
    expect(
      screen.queryByRole('dialog', { name: 'Finding details' }),
    ).not.toBeInTheDocument();
  });

  it('shows the error when the finding cannot be loaded', async () => {
    const drawer = await renderTable({
      getFinding: async () => {
        throw new Error('There is no open finding with id x.');
      },
    });
    expect(
      await within(drawer).findByText(
        'Could not load the finding: There is no open finding with id x.',
      ),
    ).toBeInTheDocument();
  });

  it('exempts the finding with a justification and an expiry', async () => {
    const createExemption = jest.fn(async (request: any) => ({
      id: 'e1',
      kind: 'finding' as const,
      findingId: request.findingId,
      resourceId: detail.finding.resourceId,
      justification: request.justification,
      expiresAt: request.expiresAt,
      createdBy: 'user:default/sam',
      createdAt: '2026-12-05T10:00:00.000Z',
      status: 'active' as const,
    }));
    const drawer = await renderTable({
      getFinding: async () => detail,
      createExemption,
    });
    fireEvent.click(
      await within(drawer).findByRole('button', { name: 'Exempt…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Exempt: ${detail.finding.title}`,
    });
    fireEvent.change(within(dialog).getByLabelText(/Justification/), {
      target: { value: 'Cache holds no personal data; migration in Q1.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Exempt' }));
    await waitFor(() =>
      expect(createExemption).toHaveBeenCalledWith(
        expect.objectContaining({
          kind: 'finding',
          findingId: detail.finding.id,
          justification: 'Cache holds no personal data; migration in Q1.',
        }),
      ),
    );
  });
});
