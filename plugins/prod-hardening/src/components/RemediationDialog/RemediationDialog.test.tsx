import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type {
  CheckResult,
  RemediationPlan,
} from '@prod-hardening/plugin-prod-hardening-common';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { RemediationDialog } from './RemediationDialog';

const check = {
  id: 's3-account-public-access-block',
  title: 'S3 Block Public Access is on for the whole account',
  status: 'FAIL',
} as CheckResult;

const plan = (override: boolean): RemediationPlan => ({
  planId: override ? '6f1c0c36-8a7e-4c1b-9d55-0a4b2b8b7e11' : undefined,
  checkId: check.id,
  resourceId: 'arn:aws:s3:::account/123456789012',
  title: 'Turn on S3 Block Public Access for the whole account',
  calls: [
    {
      service: 's3control',
      action: 'PutPublicAccessBlock',
      params: { AccountId: '123456789012' },
    },
  ],
  current: { configured: false },
  expected: { blockPublicAcls: true },
  risk: 'Every bucket stops being public.',
  reversible: true,
  reversal: 'Put the previous values back.',
  costNote: 'No cost.',
  blockers: ['Bucket huntaze-static-site-production hosts a static website.'],
  overridden: override,
  createdAt: '2026-11-28T00:00:00Z',
});

describe('RemediationDialog', () => {
  it('asks for approval instead of applying when the plan needs it, with a reason, and never executes', async () => {
    const previewRemediation = jest.fn(
      async (_id: string, override: boolean) => ({
        ...plan(override),
        approval: {
          required: override,
          reasons: override
            ? ["The preview's blockers are overridden: a website bucket."]
            : [],
        },
      }),
    );
    const requestApproval = jest.fn(async (planId: string, reason: string) => ({
      id: 'a1',
      planId,
      reason,
      approverGroups: ['group:default/security'],
      expiresAt: '2026-11-29T00:00:00Z',
    })) as any;
    const executeRemediation = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              previewRemediation,
              requestApproval,
              executeRemediation,
            }),
          ],
        ]}
      >
        <RemediationDialog check={check} open onClose={jest.fn()} />
      </TestApiProvider>,
    );
    fireEvent.click(
      await screen.findByRole('checkbox', {
        name: 'I understand; apply anyway',
      }),
    );
    expect(await screen.findByLabelText('Needs approval')).toHaveTextContent(
      "The preview's blockers are overridden",
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Continue' })).toBeEnabled(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const reason = screen.getByLabelText(/Why this change is needed/);
    fireEvent.change(reason, { target: { value: 'too short' } });
    expect(
      screen.getByRole('button', { name: 'Request approval' }),
    ).toBeDisabled();
    fireEvent.change(reason, {
      target: { value: 'The pentest found the setting off.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Request approval' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Approval requested from group:default/security',
    );
    expect(requestApproval).toHaveBeenCalledWith(
      '6f1c0c36-8a7e-4c1b-9d55-0a4b2b8b7e11',
      'The pentest found the setting off.',
    );
    expect(executeRemediation).not.toHaveBeenCalled();
  });

  it('previews the calls, needs an explicit override for blockers, confirms, then shows the verified result', async () => {
    const previewRemediation = jest.fn(async (_id: string, override: boolean) =>
      plan(override),
    );
    const executeRemediation = jest.fn(async () => ({
      outcome: 'succeeded' as const,
      message: 'Applied and verified: the check passes.',
      check: { ...check, status: 'PASS' as const },
      historyId: 'h1',
    }));
    const onClose = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({ previewRemediation, executeRemediation }),
          ],
        ]}
      >
        <RemediationDialog check={check} open onClose={onClose} />
      </TestApiProvider>,
    );

    expect(await screen.findByLabelText('Planned calls')).toHaveTextContent(
      'PutPublicAccessBlock',
    );
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled();

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'I understand; apply anyway' }),
    );
    await waitFor(() =>
      expect(previewRemediation).toHaveBeenLastCalledWith(check.id, true),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Continue' })).toBeEnabled(),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(executeRemediation).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));

    expect(
      await screen.findByText(/Applied and verified: the check passes\./),
    ).toBeInTheDocument();
    expect(executeRemediation).toHaveBeenCalledWith(
      '6f1c0c36-8a7e-4c1b-9d55-0a4b2b8b7e11',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it('shows the backend refusal, e.g. a stale plan', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              previewRemediation: async () => ({ ...plan(true), blockers: [] }),
              executeRemediation: async () => {
                throw new Error(
                  'The resource changed since the preview: preview the remediation again.',
                );
              },
            }),
          ],
        ]}
      >
        <RemediationDialog check={check} open onClose={jest.fn()} />
      </TestApiProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The resource changed since the preview',
    );
  });

  it('tells the person when AWS did not answer in time, then how it ended once it does', async () => {
    const settled = {
      id: 'h2',
      settles: 'h1',
      checkId: check.id,
      resourceId: 'arn:aws:s3:::account/123456789012',
      actor: 'user:default/guest',
      outcome: 'succeeded' as const,
      message:
        'Settled after the deadline: Applied and verified: the check passes.',
      calls: [],
      startedAt: '2026-11-28T00:00:00Z',
      durationMs: 70_000,
    };
    const history = jest
      .fn()
      .mockResolvedValueOnce([])
      .mockResolvedValue([settled]);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              previewRemediation: async () => ({ ...plan(true), blockers: [] }),
              executeRemediation: async () => ({
                outcome: 'timed-out' as const,
                message:
                  'AWS did not answer within 60 s: the state is unknown. The call in flight may still complete; the history will show how it ended.',
                historyId: 'h1',
              }),
              getRemediationHistory: history,
            }),
          ],
        ]}
      >
        <RemediationDialog check={check} open onClose={jest.fn()} />
      </TestApiProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Continue' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply change' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'the state is unknown',
    );
    expect(await screen.findByTestId('waiting-for-aws')).toBeInTheDocument();
    // the history is re-read every 5 s until a row settles the attempt
    expect(
      await screen.findByLabelText('Late outcome', undefined, {
        timeout: 8_000,
      }),
    ).toHaveTextContent('AWS answered: succeeded. Settled after the deadline');
    expect(history).toHaveBeenCalledWith(check.id);
  });

  it('shows what the fix adds or saves a month, with its assumptions, before anything runs', async () => {
    const previewRemediation = jest.fn(async () => ({
      ...plan(true),
      blockers: [],
      overridden: false,
      fixCost: {
        monthlyUsd: -2.7,
        currency: 'USD' as const,
        assumptions: [
          'Lowers storage cost: groups that kept logs forever drop what is older than 30 days.',
        ],
        source: 'aws-price-list' as const,
      },
    }));
    const executeRemediation = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({ previewRemediation, executeRemediation }),
          ],
        ]}
      >
        <RemediationDialog check={check} open onClose={jest.fn()} />
      </TestApiProvider>,
    );
    const cost = await screen.findByRole('group', {
      name: 'Monthly cost of the fix',
    });
    expect(cost).toHaveTextContent('Saves about $2.70 a month');
    expect(cost).toHaveTextContent(
      'Lowers storage cost: groups that kept logs forever drop what is older than 30 days.',
    );
    expect(cost).toHaveTextContent('From the AWS Price List');
    expect(executeRemediation).not.toHaveBeenCalled();
  });
});
