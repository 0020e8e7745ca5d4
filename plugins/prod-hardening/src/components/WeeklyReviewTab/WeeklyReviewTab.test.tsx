import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
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
