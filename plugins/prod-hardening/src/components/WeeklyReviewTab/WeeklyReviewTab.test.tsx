import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { AnomalyFeedbackRequest } from '@prod-hardening/plugin-prod-hardening-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prodHardeningApiRef } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { weeklyReviewFixture } from '../../testUtils/finopsFixtures';
import { WeeklyReviewTab } from './WeeklyReviewTab';

describe('WeeklyReviewTab', () => {
  it('shows the two weeks, the totals, movers, anomalies and open alerts', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({ getWeeklyReview: async () => weeklyReviewFixture }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <WeeklyReviewTab />
      </TestApiProvider>,
    );
    expect(
      await screen.findByRole('heading', {
        name: 'FinOps weekly review: 2026-11-21 – 2026-11-27',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Totals' })).toHaveTextContent(
      'AWS (Cost Explorer)$212.34$171.00$41.34+24.2%',
    );
    expect(
      screen.getByRole('table', { name: 'Top movers by Service' }),
    ).toHaveTextContent('AmazonCloudWatch');
    expect(
      screen.getByRole('table', { name: 'Anomalies this week' }),
    ).toHaveTextContent('$38.00');
    expect(
      screen.getByRole('table', { name: 'Cost alerts' }),
    ).toBeInTheDocument();
  });

  it('shows each anomaly’s latest answer and takes a new one in the review', async () => {
    const [spike] = weeklyReviewFixture.anomalies;
    const review = {
      ...weeklyReviewFixture,
      anomalies: [
        {
          ...spike,
          feedback: {
            source: 'portal' as const,
            anomalyId: spike.id,
            feedback: 'PLANNED_ACTIVITY' as const,
            comment: 'load test',
            answeredBy: 'user:default/fiona',
            answeredAt: '2026-11-26T09:30:00.000Z',
          },
        },
      ],
    };
    const sent: AnomalyFeedbackRequest[] = [];
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              getWeeklyReview: async () => review,
              provideAnomalyFeedback: async request => {
                sent.push(request);
                return {
                  ...review.anomalies[0].feedback,
                  feedback: 'YES',
                  comment: null,
                  answeredBy: 'user:default/guest',
                  answeredAt: '2026-11-28T08:00:00.000Z',
                };
              },
            }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <WeeklyReviewTab />
      </TestApiProvider>,
    );
    const table = await screen.findByRole('table', {
      name: 'Anomalies this week',
    });
    expect(within(table).getByTestId('anomaly-feedback')).toHaveTextContent(
      'Planned activity — user:default/fiona, 2026-11-26 09:30 UTC: load test',
    );
    fireEvent.click(await within(table).findByRole('button', { name: 'Yes' }));
    await waitFor(() =>
      expect(within(table).getByTestId('anomaly-feedback')).toHaveTextContent(
        'Yes, an anomaly — user:default/guest, 2026-11-28 08:00 UTC',
      ),
    );
    expect(sent).toEqual([
      { source: 'portal', anomalyId: spike.id, feedback: 'YES' },
    ]);
  });

  it('downloads the CSV under the name the backend gives it', async () => {
    const downloadWeeklyReview = jest.fn(async () => ({
      filename: 'finops-weekly-review-2026-11-21_2026-11-27.csv',
      blob: new Blob(['section,period\r\n']),
    }));
    const createObjectURL = jest.fn(() => 'blob:review');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordClick(this: HTMLAnchorElement) {
        clicked.push(this.download);
      });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            prodHardeningApiRef,
            fakeApi({
              getWeeklyReview: async () => weeklyReviewFixture,
              downloadWeeklyReview,
            }),
          ],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <WeeklyReviewTab />
      </TestApiProvider>,
    );
    await screen.findByRole('table', { name: 'Totals' });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() =>
      expect(clicked).toEqual([
        'finops-weekly-review-2026-11-21_2026-11-27.csv',
      ]),
    );
    expect(downloadWeeklyReview).toHaveBeenCalledWith('csv');
    click.mockRestore();
  });
});
