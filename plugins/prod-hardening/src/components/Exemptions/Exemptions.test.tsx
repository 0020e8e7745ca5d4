import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  CreateExemptionRequest,
  Exemption,
  ExemptionFilters,
} from '@prod-hardening/plugin-prod-hardening-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { ExemptDialog } from './ExemptDialog';
import { ExemptionsList } from './ExemptionsList';
import { ScoreSummary } from '../PostureTab/ScoreSummary';
import { CheckList } from '../PostureTab/CheckList';
import { report } from '../../testUtils/postureFixtures';

const TODAY = new Date('2026-12-05T10:00:00Z');

const exemption = (more: Partial<Exemption> = {}): Exemption => ({
  id: '11111111-2222-4333-8444-555555555555',
  kind: 'check',
  checkId: 'guardduty-enabled',
  resourceId: 'guardduty/us-east-1',
  justification: 'Replaced by the vendor IDS until the migration.',
  expiresAt: '2027-01-04T23:59:59.000Z',
  createdBy: 'user:default/wendy',
  createdAt: '2026-12-05T10:00:00.000Z',
  status: 'active',
  ...more,
});

describe('ExemptDialog', () => {
  it('needs a justification, then sends the check, resource and end of the chosen day', async () => {
    const sent: CreateExemptionRequest[] = [];
    const onClose = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              createExemption: async request => {
                sent.push(request);
                return exemption();
              },
            }),
          ],
        ]}
      >
        <ExemptDialog
          open
          today={TODAY}
          onClose={onClose}
          target={{
            kind: 'check',
            checkId: 'guardduty-enabled',
            title: 'GuardDuty is enabled',
            resourceIds: ['guardduty/us-east-1'],
          }}
        />
      </TestApiProvider>,
    );
    const exempt = screen.getByRole('button', { name: 'Exempt' });
    expect(exempt).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'too short' },
    });
    expect(exempt).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Replaced by the vendor IDS until the migration.' },
    });
    const expiry = screen.getByLabelText(/Expires on/);
    expect(expiry).toHaveValue('2027-01-04');
    expect(expiry).toHaveAttribute('max', '2027-03-05');
    fireEvent.change(expiry, { target: { value: '2026-12-20' } });
    fireEvent.click(exempt);
    await waitFor(() => expect(onClose).toHaveBeenCalledWith(exemption()));
    expect(sent).toEqual([
      {
        kind: 'check',
        checkId: 'guardduty-enabled',
        resourceId: 'guardduty/us-east-1',
        justification: 'Replaced by the vendor IDS until the migration.',
        expiresAt: '2026-12-20T23:59:59.000Z',
      },
    ]);
  });

  it("shows the backend's refusal and stays open", async () => {
    const onClose = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              createExemption: async () => {
                throw new Error(
                  'expiresAt 2026-12-20T23:59:59.000Z is more than 7 days away',
                );
              },
            }),
          ],
        ]}
      >
        <ExemptDialog
          open
          today={TODAY}
          onClose={onClose}
          target={{
            kind: 'finding',
            findingId: 'arn:f/1',
            title: 'Bucket is public',
          }}
        />
      </TestApiProvider>,
    );
    fireEvent.change(screen.getByLabelText(/Justification/), {
      target: { value: 'Public by design: the marketing site.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Exempt' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'more than 7 days away',
    );
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('ExemptionsList', () => {
  it('lists active exemptions, filters, revokes and downloads the CSV with the filters', async () => {
    const asked: ExemptionFilters[] = [];
    const revoked: string[] = [];
    const downloaded: ExemptionFilters[] = [];
    global.URL.createObjectURL = jest.fn(() => 'blob:x');
    global.URL.revokeObjectURL = jest.fn();
    // jsdom cannot follow a download link.
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              listExemptions: async filters => {
                asked.push(filters ?? {});
                return revoked.length
                  ? []
                  : [exemption(), exemption({ id: 'e2', status: 'expired' })];
              },
              revokeExemption: async id => {
                revoked.push(id);
                return exemption({ status: 'revoked' });
              },
              downloadExemptions: async filters => {
                downloaded.push(filters ?? {});
                return { filename: 'exemptions.csv', blob: new Blob(['id']) };
              },
            }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <ExemptionsList />
      </TestApiProvider>,
    );
    const table = await screen.findByRole('table', { name: 'Exemptions' });
    expect(table).toHaveTextContent('guardduty-enabled on guardduty/us-east-1');
    expect(asked[0]).toEqual({ status: 'active' });
    // Only an active exemption can be revoked.
    expect(
      within(table).getAllByRole('button', { name: /Revoke/ }),
    ).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Check'), {
      target: { value: 'guardduty-enabled' },
    });
    await waitFor(() =>
      expect(asked.at(-1)).toEqual({
        status: 'active',
        checkId: 'guardduty-enabled',
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() =>
      expect(downloaded).toEqual([
        { status: 'active', checkId: 'guardduty-enabled' },
      ]),
    );

    fireEvent.click(
      screen.getByRole('button', {
        name: 'Revoke exemption 11111111-2222-4333-8444-555555555555',
      }),
    );
    await waitFor(() =>
      expect(revoked).toEqual(['11111111-2222-4333-8444-555555555555']),
    );
    expect(
      await screen.findByText('No exemptions match these filters.'),
    ).toBeInTheDocument();
  });
});

describe('ScoreSummary', () => {
  it('shows the score with exemptions beside the raw scores', async () => {
    await renderInTestApp(
      <ScoreSummary
        report={{
          ...report,
          scoreWithExemptions: {
            securityHubPercent: 100,
            severityWeightedPercent: 100,
            passed: 1,
            failed: 0,
            warned: 0,
            errored: 1,
            exempted: 1,
          },
        }}
      />,
    );
    expect(screen.getByLabelText('Security Hub score')).toHaveTextContent(
      '50.0%',
    );
    expect(screen.getByLabelText('Score with exemptions')).toHaveTextContent(
      '100.0% · 100.0%',
    );
    expect(screen.getByText(/1 exempted check/)).toBeInTheDocument();
  });

  it('shows only the raw scores when the exemptions could not be read', async () => {
    await renderInTestApp(<ScoreSummary report={report} />);
    expect(screen.queryByLabelText('Score with exemptions')).toBeNull();
  });
});

describe('CheckList with exemptions', () => {
  it('marks an exempted check and offers Exempt only for a failing check not yet exempted', async () => {
    const failing = report.checks.find(c => c.status === 'FAIL')!;
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [prodHardeningApiRef, fakeApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <CheckList
          checks={report.checks}
          onRemediated={() => {}}
          exemptions={[
            exemption({
              checkId: failing.id,
              resourceId: failing.resources[0].resourceId,
            }),
          ]}
        />
      </TestApiProvider>,
    );
    const row = screen.getByTestId(`check-${failing.id}`);
    expect(within(row).getByText('Exempted (1)')).toBeInTheDocument();
    // Its only failing resource is exempted: nothing left to exempt.
    expect(within(row).queryByRole('button', { name: 'Exempt…' })).toBeNull();
  });

  it('offers Exempt on a failing check to a user with the permission', async () => {
    const failing = report.checks.find(c => c.status === 'FAIL')!;
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [prodHardeningApiRef, fakeApi()],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <CheckList checks={report.checks} onRemediated={() => {}} />
      </TestApiProvider>,
    );
    const row = screen.getByTestId(`check-${failing.id}`);
    fireEvent.click(within(row).getByText(failing.title));
    await waitFor(() =>
      expect(
        within(row).getByRole('button', { name: 'Exempt…' }),
      ).toBeEnabled(),
    );
    fireEvent.click(within(row).getByRole('button', { name: 'Exempt…' }));
    expect(
      await screen.findByRole('dialog', { name: `Exempt: ${failing.title}` }),
    ).toBeInTheDocument();
  });
});
