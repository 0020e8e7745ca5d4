import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApprovalRequest } from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { ApprovalsTab } from './ApprovalsTab';

const request = (over: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  id: 'a1',
  planId: 'p1',
  checkId: 's3-account-public-access-block',
  resourceId: 'arn:aws:s3:::account/123456789012',
  title: 'Turn on S3 Block Public Access for the whole account',
  calls: [{ service: 's3control', action: 'PutPublicAccessBlock', params: {} }],
  overriddenBlockers: [],
  requirement: [
    'Every remediation of s3-account-public-access-block needs approval.',
  ],
  requester: 'user:default/dana',
  reason: 'The pentest found it off.',
  approverGroups: ['group:default/security'],
  status: 'pending',
  createdAt: '2026-12-06T10:00:00Z',
  expiresAt: '2026-12-07T10:00:00Z',
  canDecide: false,
  canExecute: false,
  ...over,
});

describe('ApprovalsTab', () => {
  it('lets an approver approve with a comment, then shows the decided request', async () => {
    let current = request({ canDecide: true });
    const listApprovals = jest.fn(async () => [current]);
    const decideApproval = jest.fn(
      async (_id: string, _d: any, comment?: string) => {
        current = request({
          status: 'approved',
          decidedBy: 'user:default/sam',
          decisionComment: comment,
        });
        return current;
      },
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [prodHardeningApiRef, fakeApi({ listApprovals, decideApproval })],
        ]}
      >
        <ApprovalsTab />
      </TestApiProvider>,
    );
    const row = await screen.findByTestId('approval-a1');
    expect(row).toHaveTextContent('pending');
    expect(row).toHaveTextContent(
      'Every remediation of s3-account-public-access-block needs approval.',
    );
    expect(
      within(row).queryByRole('button', { name: 'Execute approved plan' }),
    ).toBeNull();
    fireEvent.change(within(row).getByLabelText('Comment'), {
      target: { value: 'After the CloudFront move.' },
    });
    fireEvent.click(within(row).getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(decideApproval).toHaveBeenCalledWith(
        'a1',
        'approve',
        'After the CloudFront move.',
      ),
    );
    await waitFor(() =>
      expect(screen.getByTestId('approval-a1')).toHaveTextContent('approved'),
    );
    expect(screen.getByTestId('approval-a1')).toHaveTextContent(
      'After the CloudFront move.',
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('lets the requester execute an approved plan and shows the outcome, or the refusal', async () => {
    const listApprovals = jest.fn(async () => [
      request({
        status: 'approved',
        decidedBy: 'user:default/sam',
        canExecute: true,
      }),
    ]);
    const executeRemediation = jest
      .fn()
      .mockRejectedValueOnce(
        new Error('The resource changed since the preview.'),
      )
      .mockResolvedValueOnce({
        outcome: 'succeeded',
        message: 'Applied and verified: the check passes.',
        historyId: 'h1',
      });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [prodHardeningApiRef, fakeApi({ listApprovals, executeRemediation })],
        ]}
      >
        <ApprovalsTab />
      </TestApiProvider>,
    );
    const execute = await screen.findByRole('button', {
      name: 'Execute approved plan',
    });
    fireEvent.click(execute);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The resource changed since the preview.',
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Execute approved plan' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Applied and verified',
    );
    expect(executeRemediation).toHaveBeenCalledWith('p1');
  });

  it('shows the approver what the change adds a month and what the estimate assumes', async () => {
    const listApprovals = jest.fn(async () => [
      request({
        canDecide: true,
        fixCost: {
          monthlyUsd: 28,
          currency: 'USD',
          assumptions: [
            'Assumes 2,000,000 CloudTrail management events a month at $0.000004 per Events (USE1-PaidEventsAnalyzed).',
          ],
          source: 'aws-price-list',
        },
      }),
      request({
        id: 'a2',
        fixCost: {
          monthlyUsd: null,
          currency: 'USD',
          assumptions: [],
          unknownReason: 'pricing did not answer in time (3 s)',
          source: 'aws-price-list',
        },
      }),
    ]);
    await renderInTestApp(
      <TestApiProvider
        apis={[[prodHardeningApiRef, fakeApi({ listApprovals })]]}
      >
        <ApprovalsTab />
      </TestApiProvider>,
    );
    const priced = within(await screen.findByTestId('approval-a1')).getByRole(
      'group',
      { name: 'Monthly cost of the fix' },
    );
    expect(priced).toHaveTextContent('Adds about $28.00 a month');
    expect(priced).toHaveTextContent(
      'Assumes 2,000,000 CloudTrail management events a month',
    );
    expect(screen.getByTestId('approval-a2')).toHaveTextContent(
      'Cost unknown: pricing did not answer in time (3 s)',
    );
  });

  it('says when there is nothing to decide', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[prodHardeningApiRef, fakeApi()]]}>
        <ApprovalsTab />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('No approval requests.'),
    ).toBeInTheDocument();
  });
});
