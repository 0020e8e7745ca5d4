import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { GuidedRunbook } from '@prod-hardening/plugin-prod-hardening-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { guidedCheck, runbook } from '../../testUtils/guidedFixtures';
import { GuidedRemediationDialog } from './GuidedRemediationDialog';

const [first, second] = guidedCheck.resources.map(r => r.resourceId);

async function renderDialog(
  getGuidedRemediation = jest.fn(async (_c: string, r?: string) =>
    runbook(r ?? first),
  ),
) {
  const onClose = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[[prodHardeningApiRef, fakeApi({ getGuidedRemediation })]]}
    >
      <GuidedRemediationDialog check={guidedCheck} onClose={onClose} />
    </TestApiProvider>,
  );
  return { getGuidedRemediation, onClose };
}

describe('GuidedRemediationDialog', () => {
  it('shows the steps, their checks, the rollback, the downtime and the Terraform, each command copyable', async () => {
    const { getGuidedRemediation } = await renderDialog();
    expect(
      await screen.findByText(
        'Migrate huntaze-redis to an encrypted replication group',
      ),
    ).toBeInTheDocument();
    expect(getGuidedRemediation).toHaveBeenCalledWith(
      'elasticache-encryption',
      first,
    );
    expect(
      screen.getByText(/Under 5 minutes of Redis writes/),
    ).toBeInTheDocument();
    const snapshot = screen.getByRole('region', {
      name: '2. Snapshot huntaze-redis (no downtime)',
    });
    expect(
      within(snapshot).getByLabelText('command: Create the migration snapshot'),
    ).toHaveTextContent(
      'aws elasticache create-snapshot --replication-group-id huntaze-redis',
    );
    expect(
      within(snapshot).getByText('changes the account'),
    ).toBeInTheDocument();
    expect(within(snapshot).getByText('Verify')).toBeInTheDocument();
    expect(
      screen.getByRole('region', {
        name: 'Restore failed or data missing (before the switch)',
      }),
    ).toHaveTextContent('delete-replication-group');
    expect(screen.getByLabelText('Terraform snippet')).toHaveTextContent(
      'at_rest_encryption_enabled = true',
    );
    expect(
      screen.getByRole('button', { name: 'Copy Terraform snippet' }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: /^Copy command: / }),
    ).toHaveLength(3);
    expect(screen.getByText(/cache subnet group/)).toBeInTheDocument();
    expect(
      screen.getByText('docs/runbooks/elasticache-migration.md'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('runbook-link-elasticache-migration'),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('runbook=elasticache-migration'),
    );
  });

  it('has no button that changes the resource: only copy buttons and Close', async () => {
    await renderDialog();
    await screen.findByLabelText('Terraform snippet');
    const labels = screen
      .getAllByRole('button')
      .map(b => b.getAttribute('aria-label') ?? b.textContent ?? '');
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.filter(l => !l.startsWith('Copy '))).toEqual(['Close']);
    // The one other control opens the longer runbook: a link, not an action.
    expect(screen.getByRole('link', { name: 'Open' })).toBeInTheDocument();
  });

  it('writes the runbook of another failing resource when it is chosen', async () => {
    const { getGuidedRemediation } = await renderDialog();
    await screen.findByLabelText('Terraform snippet');
    fireEvent.mouseDown(screen.getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: second }));
    await waitFor(() =>
      expect(getGuidedRemediation).toHaveBeenLastCalledWith(
        'elasticache-encryption',
        second,
      ),
    );
    expect(
      await screen.findByText(
        'Migrate huntaze-cache to an encrypted replication group',
      ),
    ).toBeInTheDocument();
  });

  it('says why when the runbook cannot be written', async () => {
    await renderDialog(
      jest.fn(async (_c: string, _r?: string): Promise<GuidedRunbook> => {
        throw new Error('Check elasticache-encryption did not look at x.');
      }),
    );
    expect(
      await screen.findByText(
        /Could not write the runbook: Check elasticache-encryption did not look at x/,
      ),
    ).toBeInTheDocument();
  });
});
