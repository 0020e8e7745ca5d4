import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import {
  overviewFixture,
  redriveResultFixture,
} from '../../testUtils/throttlingFixtures';
import { ThrottlingTab } from './ThrottlingTab';

const render = (api: ReturnType<typeof fakeApi>) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [prodHardeningApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <ThrottlingTab />
    </TestApiProvider>,
  );

describe('ThrottlingTab', () => {
  it('shows the window totals, latency percentiles, fallback state and limits', async () => {
    await render(
      fakeApi({ getThrottlingOverview: async () => overviewFixture }),
    );
    expect(await screen.findByTestId('total-allowed')).toHaveTextContent('461');
    expect(screen.getByTestId('total-throttled')).toHaveTextContent('7');
    expect(screen.getByTestId('total-deadLettered')).toHaveTextContent('3');
    expect(screen.getByTestId('total-p50')).toHaveTextContent('≤ 0.5 ms');
    expect(screen.getByTestId('total-p99')).toHaveTextContent('≤ 5 ms');
    expect(screen.getByTestId('fallback-indicator')).toHaveAttribute(
      'data-state',
      'redis',
    );
    expect(screen.getByTestId('limits-in-force')).toHaveTextContent(
      '3 at once, then 1 every 6 s, at most 10 per 60 s',
    );
    expect(
      screen.getByRole('figure', { name: 'Messages per minute' }),
    ).toBeInTheDocument();
  });

  it('lists the busiest creators with tokens left and when they may send next', async () => {
    await render(
      fakeApi({ getThrottlingOverview: async () => overviewFixture }),
    );
    const table = await screen.findByRole('table', {
      name: 'Busiest creators',
    });
    const busy = within(table).getByTestId('creator-creator-07');
    expect(busy).toHaveTextContent('19');
    expect(busy).toHaveTextContent('0 / 3');
    expect(busy).toHaveTextContent('10 / 10');
    expect(busy).toHaveTextContent('in 4.5 s');
    expect(within(table).getByTestId('creator-creator-21')).toHaveTextContent(
      'now',
    );
  });

  it('shows an active fallback episode with its reason', async () => {
    await render(
      fakeApi({
        getThrottlingOverview: async () => ({
          ...overviewFixture,
          redis: {
            ...(overviewFixture.redis as any),
            fallback: {
              active: true,
              since: '2026-11-20T12:10:00.000Z',
              reason: 'Command timed out',
              decisionsInWindow: 12,
            },
          },
        }),
      }),
    );
    const indicator = await screen.findByTestId('fallback-indicator');
    expect(indicator).toHaveAttribute('data-state', 'fallback');
    expect(indicator).toHaveTextContent('Command timed out');
    // Fallback on: the troubleshooting runbook is one click away.
    expect(
      within(indicator).getByTestId('runbook-link-rate-limiter'),
    ).toHaveAttribute('href', expect.stringContaining('?runbook=rate-limiter'));
  });

  it('says Redis is unavailable with the reason and still shows the DLQ', async () => {
    await render(
      fakeApi({
        getThrottlingOverview: async () => ({
          ...overviewFixture,
          redis: {
            state: 'unavailable',
            reason: 'Redis: connection refused (is redis-server running?)',
          },
        }),
      }),
    );
    expect(
      await screen.findByLabelText('Rate limiter metrics unavailable'),
    ).toHaveTextContent('connection refused');
    expect(screen.getByTestId('dlq-depth')).toHaveTextContent('3');
    expect(screen.getByTestId('dlq-oldest')).toHaveTextContent(
      'at least 3 min 20 s',
    );
    expect(screen.getAllByTestId('runbook-link-rate-limiter')).toHaveLength(2);
  });

  it('redrives the DLQ after confirmation, shows the result and reloads', async () => {
    const redrive = jest.fn(async () => redriveResultFixture);
    const overview = jest.fn(async () => overviewFixture);
    await render(
      fakeApi({
        getThrottlingOverview: overview,
        redriveDeadLetterQueue: redrive,
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Redrive DLQ…' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Moves the 3 dead-lettered message(s)');
    expect(redrive).not.toHaveBeenCalled();
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Redrive messages' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Moved 3 of 3',
    );
    // every message by default: the backend uses SQS's move task
    expect(redrive).toHaveBeenCalledWith(undefined);
    const calls = overview.mock.calls.length;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(overview.mock.calls.length).toBeGreaterThan(calls),
    );
  });

  it('asks for a bounded move when the person sets a bound', async () => {
    const redrive = jest.fn(async () => redriveResultFixture);
    await render(
      fakeApi({
        getThrottlingOverview: async () => overviewFixture,
        redriveDeadLetterQueue: redrive,
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Redrive DLQ…' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: /At most/ }));
    const field = within(dialog).getByLabelText('Messages at most');
    fireEvent.change(field, { target: { value: '5000' } });
    expect(
      within(dialog).getByRole('button', { name: 'Redrive messages' }),
    ).toBeDisabled();
    fireEvent.change(field, { target: { value: '50' } });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Redrive messages' }),
    );
    await within(dialog).findByRole('status');
    expect(redrive).toHaveBeenCalledWith(50);
  });

  it("shows a running move task's progress, then how it ended", async () => {
    const status = jest
      .fn()
      .mockResolvedValueOnce({
        state: 'running',
        queueName: 'huntaze-rate-limiter-dlq',
        method: 'message-move-task',
        task: { status: 'RUNNING', moved: 4, toMove: 12, maxPerSecond: 10 },
      })
      .mockResolvedValue({
        state: 'completed',
        queueName: 'huntaze-rate-limiter-dlq',
        method: 'message-move-task',
        message: 'SQS moved 12 message(s) of huntaze-rate-limiter-dlq.',
      });
    await render(
      fakeApi({
        getThrottlingOverview: async () => overviewFixture,
        getDeadLetterQueueRedriveStatus: status,
      }),
    );
    expect(await screen.findByTestId('redrive-status')).toHaveTextContent(
      'Redrive running. SQS moved 4 of 12 message(s), at most 10 a second.',
    );
    // re-read every 5 s while it runs
    await waitFor(
      () =>
        expect(screen.getByTestId('redrive-status')).toHaveTextContent(
          'Last redrive completed: SQS moved 12 message(s)',
        ),
      { timeout: 8_000 },
    );
  });

  it('shows the backend refusal in the dialog', async () => {
    await render(
      fakeApi({
        getThrottlingOverview: async () => overviewFixture,
        redriveDeadLetterQueue: async () => {
          throw new Error(
            'A redrive of huntaze-rate-limiter-dlq is already running',
          );
        },
      }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Redrive DLQ…' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Redrive messages' }),
    );
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'already running',
    );
  });

  it('disables the redrive when the DLQ is empty', async () => {
    await render(
      fakeApi({
        getThrottlingOverview: async () => ({
          ...overviewFixture,
          dlq: {
            ...(overviewFixture.dlq as any),
            depth: 0,
            oldestAgeSeconds: null,
            ageSource: 'empty',
          },
        }),
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Redrive DLQ…' }),
    ).toBeDisabled();
    // Nothing dead-lettered and Redis in use: no runbook to send anyone to.
    expect(screen.queryByTestId('runbook-link-rate-limiter')).toBeNull();
  });

  it('shows the error when the backend cannot be read', async () => {
    await render(
      fakeApi({
        getThrottlingOverview: async () => {
          throw new Error('backend down');
        },
      }),
    );
    expect(
      await screen.findByText(/Could not load throttling/),
    ).toBeInTheDocument();
  });
});
