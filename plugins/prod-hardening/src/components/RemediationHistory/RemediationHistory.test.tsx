import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { RemediationHistoryEntry } from '@prod-hardening/plugin-prod-hardening-common';
import { screen, within } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { RemediationHistory } from './RemediationHistory';

const entry = (
  overrides: Partial<RemediationHistoryEntry>,
): RemediationHistoryEntry => ({
  id: 'h-1',
  checkId: 's3-account-public-access-block',
  resourceId: '123456789012',
  actor: 'user:default/alice',
  outcome: 'succeeded',
  message: 'Applied 1 change(s)',
  calls: [],
  startedAt: '2026-12-04T10:00:00.000Z',
  durationMs: 420,
  ...overrides,
});

async function renderHistory(entries: RemediationHistoryEntry[]) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          prodHardeningApiRef,
          fakeApi({ getRemediationHistory: async () => entries }),
        ],
      ]}
    >
      <RemediationHistory version={0} />
    </TestApiProvider>,
  );
  return screen.findByRole('table', { name: 'Remediation history' });
}

describe('RemediationHistory', () => {
  it('shows the reason given and the blockers overridden with each attempt', async () => {
    const table = await renderHistory([
      entry({
        reason: 'INC-42: public bucket found by the audit',
        overriddenBlockers: [
          'bucket huntaze-static-site-production serves a website',
        ],
      }),
      entry({
        id: 'h-2',
        outcome: 'stale',
        message: 'The state changed since the preview',
      }),
    ]);
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(first).toHaveTextContent(
      'Reason: INC-42: public bucket found by the audit',
    );
    expect(first).toHaveTextContent(
      'Overrode: bucket huntaze-static-site-production serves a website',
    );
    expect(second).toHaveTextContent('stale');
    expect(second).not.toHaveTextContent('Reason:');
    expect(second).not.toHaveTextContent('Overrode:');
  });
});
