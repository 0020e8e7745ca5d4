import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  AnomalyFeedback,
  AnomalyFeedbackRequest,
  AwsCostAnomaly,
} from '@prod-hardening/plugin-prod-hardening-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prodHardeningApiRef, ProdHardeningApi } from '../../api';
import { fakeApi } from '../../testUtils/fakeApi';
import { overviewFixture } from '../../testUtils/finopsFixtures';
import { AnomalyList } from './FinOpsLists';

// The user without the permission is in AnomalyTriage.permission.test.tsx: permission
// decisions are cached per module, so an allowed user rendered here would leak into it.
const AWS_ANOMALY: AwsCostAnomaly = {
  id: '5d1c7f0e-2a4b-4c4d-9e8f-0a1b2c3d4e5f',
  startDay: '2026-11-24',
  endDay: '2026-11-25',
  series: 'Amazon Relational Database Service',
  maxScore: 0.87,
  impactMicros: 41_000_000,
  feedback: null,
};

const answered = (more: Partial<AnomalyFeedback> = {}): AnomalyFeedback => ({
  source: 'portal',
  anomalyId: '2026-11-25/service/AmazonCloudWatch',
  feedback: 'NO',
  comment: null,
  answeredBy: 'user:default/fiona',
  answeredAt: '2026-11-26T09:30:00.000Z',
  ...more,
});

function render(
  api: Partial<ProdHardeningApi>,
  portalFeedback: AnomalyFeedback | null = null,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [prodHardeningApiRef, fakeApi(api)],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <AnomalyList
        anomalies={[
          { ...overviewFixture.anomalies[0], feedback: portalFeedback },
        ]}
        awsAnomalies={[AWS_ANOMALY]}
      />
    </TestApiProvider>,
  );
}

const rowOf = async (text: string) =>
  (await screen.findByText(text)).closest('tr') as HTMLElement;

describe('AnomalyTriage in the anomaly list', () => {
  it('sends "planned activity" for an AWS anomaly and shows who answered and when', async () => {
    const sent: AnomalyFeedbackRequest[] = [];
    let finish: (f: AnomalyFeedback) => void = () => {};
    await render({
      provideAnomalyFeedback: request => {
        sent.push(request);
        return new Promise(resolve => {
          finish = resolve;
        });
      },
    });
    const row = await rowOf('Amazon Relational Database Service');
    expect(within(row).getByTestId('anomaly-feedback')).toHaveTextContent(
      'Not answered yet',
    );
    fireEvent.click(
      await within(row).findByRole('button', { name: 'Planned activity' }),
    );
    expect(sent).toEqual([
      {
        source: 'aws',
        anomalyId: AWS_ANOMALY.id,
        feedback: 'PLANNED_ACTIVITY',
      },
    ]);
    // While the backend answers, the buttons wait and say so.
    expect(
      await within(row).findByRole('progressbar', {
        name: 'Sending the answer',
      }),
    ).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Yes' })).toBeDisabled();
    finish({
      ...answered({ source: 'aws', anomalyId: AWS_ANOMALY.id }),
      feedback: 'PLANNED_ACTIVITY',
      answeredBy: 'user:default/guest',
      answeredAt: '2026-12-06T10:15:00.000Z',
    });
    await waitFor(() =>
      expect(within(row).getByTestId('anomaly-feedback')).toHaveTextContent(
        'Planned activity — user:default/guest, 2026-12-06 10:15 UTC',
      ),
    );
    expect(
      within(row).getByRole('button', { name: 'Planned activity' }),
    ).toBeEnabled();
  });

  it("answers the portal's own anomaly by its id", async () => {
    const sent: AnomalyFeedbackRequest[] = [];
    await render({
      provideAnomalyFeedback: async request => {
        sent.push(request);
        return answered({ feedback: 'YES', comment: null });
      },
    });
    const row = await rowOf('AmazonCloudWatch');
    fireEvent.click(await within(row).findByRole('button', { name: 'Yes' }));
    await waitFor(() =>
      expect(within(row).getByTestId('anomaly-feedback')).toHaveTextContent(
        'Yes, an anomaly — user:default/fiona, 2026-11-26 09:30 UTC',
      ),
    );
    expect(sent).toEqual([
      {
        source: 'portal',
        anomalyId: '2026-11-25/service/AmazonCloudWatch',
        feedback: 'YES',
      },
    ]);
  });

  it('says the answer was not recorded when the backend refuses it, and keeps the previous one', async () => {
    await render(
      {
        provideAnomalyFeedback: async () => {
          throw new Error(
            'AWS Cost Anomaly Detection did not take the answer, so nothing was recorded: access denied.',
          );
        },
      },
      answered(),
    );
    const row = await rowOf('AmazonCloudWatch');
    fireEvent.click(await within(row).findByRole('button', { name: 'Yes' }));
    expect(await within(row).findByRole('alert')).toHaveTextContent(
      'The answer was not recorded: AWS Cost Anomaly Detection did not take the answer',
    );
    expect(within(row).getByTestId('anomaly-feedback')).toHaveTextContent(
      'No, not an anomaly — user:default/fiona',
    );
  });
});
