import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetAnomalyMonitorsCommand,
  GetAnomalySubscriptionsCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  ProvideAnomalyFeedbackCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  COST_SPIKE,
  loadResourceNames,
  MotoServer,
  ResourceNames,
  seedDemoAccount,
  startMoto,
} from '@prod-hardening/dev-stack';
import { prodHardeningFinOpsFeedbackPermission } from '@prod-hardening/plugin-prod-hardening-common';
import { mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { ANOMALY_FEEDBACK_EVENT } from '../services/finops';
import {
  ACCOUNT_ID,
  APP_CONFIG,
  pluginConfig,
  REGION,
  useEmulatorCredentials,
} from '../testUtils/localAccount';
import { permissionsDenying } from '../testUtils/permissions';
import { recordingAuditor } from '../testUtils/recordingAuditor';

jest.setTimeout(180_000);

const FEEDBACK = '/api/prod-hardening/finops/anomalies/feedback';
const OVERVIEW = '/api/prod-hardening/finops/overview';
const DAY_MS = 86_400_000;
const AWS_ANOMALY = 'a1b2c3d4-0000-4000-8000-000000000001';
const OTHER_AWS_ANOMALY = 'a1b2c3d4-0000-4000-8000-000000000002';

// moto implements neither GetAnomalies nor ProvideAnomalyFeedback (shared/LOCAL-AWS.md):
// those two are answered here; every other Cost Explorer call goes to the real emulator.
const realSend = CostExplorerClient.prototype.send as (
  this: CostExplorerClient,
  command: any,
) => Promise<unknown>;
const ce = mockClient(CostExplorerClient);
function passToMoto(Command: any) {
  ce.on(Command).callsFake((input, getClient) =>
    realSend.call(getClient(), new Command(input)),
  );
}
function answerLikeAws() {
  ce.reset();
  for (const Command of [
    GetCostAndUsageCommand,
    GetCostForecastCommand,
    GetAnomalyMonitorsCommand,
    GetAnomalySubscriptionsCommand,
  ])
    passToMoto(Command);
  const today = new Date().toISOString().slice(0, 10);
  ce.on(GetAnomaliesCommand).resolves({
    Anomalies: [AWS_ANOMALY, OTHER_AWS_ANOMALY].map((AnomalyId, i) => ({
      AnomalyId,
      AnomalyStartDate: `${today}T00:00:00Z`,
      DimensionValue: i === 0 ? 'AmazonCloudWatch' : 'AWS Lambda',
      AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.5 },
      Impact: { MaxImpact: 40, TotalImpact: 38 },
      MonitorArn: `arn:aws:ce::${ACCOUNT_ID}:anomalymonitor/huntaze`,
    })),
  });
  ce.on(ProvideAnomalyFeedbackCommand).callsFake(input => ({
    AnomalyId: input.AnomalyId,
  }));
}
const feedbackCalls = () =>
  ce.commandCalls(ProvideAnomalyFeedbackCommand).map(c => c.args[0].input);

describe('anomaly triage: POST /finops/anomalies/feedback (moto_server, real database)', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  const now = new Date();
  const spikeDay = new Date(
    Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`) -
      COST_SPIKE.daysAgo * DAY_MS,
  )
    .toISOString()
    .slice(0, 10);
  const PORTAL_ANOMALY = `${spikeDay}/service/${COST_SPIKE.service}`;

  const backend = async (extra: any[] = []) => {
    const auditor = recordingAuditor();
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: moto.endpoint, resources }),
        auditor.factory,
        ...extra,
      ],
    });
    const events = () =>
      auditor.events.filter(e => e.eventId === ANOMALY_FEEDBACK_EVENT);
    return { server, events };
  };
  const answer = (server: any, body: unknown) =>
    request(server)
      .post(FEEDBACK)
      .send(body as object);
  const overview = async (server: any) =>
    (await request(server).get(OVERVIEW).expect(200)).body;

  beforeAll(async () => {
    useEmulatorCredentials();
    [moto, resources] = await Promise.all([
      startMoto(),
      loadResourceNames(APP_CONFIG),
    ]);
    // The seed and the backend share the real clock, so the seeded spike is recent.
    await seedDemoAccount({
      endpoint: moto.endpoint,
      region: REGION,
      accountId: ACCOUNT_ID,
      resources,
      now,
    });
  });
  beforeEach(() => answerLikeAws());
  afterAll(async () => {
    ce.restore();
    await moto?.stop();
  });

  it('sends "planned activity" to Cost Anomaly Detection, records who and when, and shows it on the overview', async () => {
    const { server, events } = await backend();
    const before = await overview(server);
    expect(before.awsAnomalies.map((a: any) => [a.id, a.feedback])).toEqual([
      [AWS_ANOMALY, null],
      [OTHER_AWS_ANOMALY, null],
    ]);

    const res = await answer(server, {
      source: 'aws',
      anomalyId: AWS_ANOMALY,
      feedback: 'PLANNED_ACTIVITY',
      comment: 'Load test of the log pipeline',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      source: 'aws',
      anomalyId: AWS_ANOMALY,
      feedback: 'PLANNED_ACTIVITY',
      comment: 'Load test of the log pipeline',
      answeredBy: 'user:default/mock',
      answeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(feedbackCalls()).toEqual([
      { AnomalyId: AWS_ANOMALY, Feedback: 'PLANNED_ACTIVITY' },
    ]);
    const after = await overview(server);
    expect(after.awsAnomalies[0].feedback).toEqual(res.body);
    expect(after.awsAnomalies[1].feedback).toBeNull();
    expect(events().map(e => [e.status, e.meta])).toEqual([
      [
        'succeeded',
        {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
          feedback: 'PLANNED_ACTIVITY',
          actor: 'user:default/mock',
        },
      ],
    ]);
  });

  it('keeps every answer: the latest is shown, the history lists them newest first', async () => {
    const { server } = await backend();
    for (const feedback of ['YES', 'NO']) {
      await answer(server, {
        source: 'aws',
        anomalyId: OTHER_AWS_ANOMALY,
        feedback,
      }).expect(200);
    }
    const shown = (await overview(server)).awsAnomalies.find(
      (a: any) => a.id === OTHER_AWS_ANOMALY,
    );
    expect(shown.feedback).toMatchObject({ feedback: 'NO', comment: null });
    const history = await request(server)
      .get(FEEDBACK)
      .query({ source: 'aws', anomalyId: OTHER_AWS_ANOMALY })
      .expect(200);
    expect(history.body.items.map((i: any) => i.feedback)).toEqual([
      'NO',
      'YES',
    ]);
    expect(feedbackCalls().map(c => c.Feedback)).toEqual(['YES', 'NO']);
  });

  it("records an answer to the portal's own anomaly without calling AWS", async () => {
    const { server, events } = await backend();
    const own = (await overview(server)).anomalies;
    expect(own.map((a: any) => a.id)).toContain(PORTAL_ANOMALY);
    const res = await answer(server, {
      source: 'portal',
      anomalyId: PORTAL_ANOMALY,
      feedback: 'YES',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'portal',
      feedback: 'YES',
      comment: null,
    });
    expect(feedbackCalls()).toEqual([]);
    const spike = (await overview(server)).anomalies.find(
      (a: any) => a.id === PORTAL_ANOMALY,
    );
    expect(spike).toMatchObject({
      day: spikeDay,
      series: COST_SPIKE.service,
      feedback: { feedback: 'YES', answeredBy: 'user:default/mock' },
    });
    expect(events().map(e => e.status)).toEqual(['succeeded']);

    // The weekly review shows the same answer, in JSON, Markdown and CSV.
    const review = await request(server)
      .get('/api/prod-hardening/finops/weekly-review')
      .expect(200);
    expect(
      review.body.anomalies.find((a: any) => a.id === PORTAL_ANOMALY),
    ).toMatchObject({ feedback: { feedback: 'YES', source: 'portal' } });
    const md = await request(server)
      .get('/api/prod-hardening/finops/weekly-review?format=md')
      .expect(200);
    expect(md.text).toMatch(
      new RegExp(
        `\\| ${spikeDay} \\| ${COST_SPIKE.service} \\(service\\) .*\\| Yes, an anomaly — user:default/mock, `,
      ),
    );
    const csv = await request(server)
      .get('/api/prod-hardening/finops/weekly-review?format=csv')
      .expect(200);
    expect(
      csv.text
        .split('\r\n')
        .find((l: string) => l.startsWith(`${spikeDay},service,`)),
    ).toMatch(/,YES,user:default\/mock,\d{4}-\d{2}-\d{2}T[\d:.]+Z,$/);
  });

  it('answers 404 for an anomaly the portal has not seen, and never asks AWS about it', async () => {
    const { server, events } = await backend();
    for (const body of [
      {
        source: 'aws',
        anomalyId: 'a1b2c3d4-0000-4000-8000-00000000ffff',
        feedback: 'YES',
      },
      // A portal id of an AWS anomaly, and an AWS id as a portal one.
      { source: 'portal', anomalyId: AWS_ANOMALY, feedback: 'NO' },
      { source: 'aws', anomalyId: PORTAL_ANOMALY, feedback: 'NO' },
      {
        source: 'portal',
        anomalyId: `${spikeDay}/service/AWS Lambda`,
        feedback: 'YES',
      },
    ]) {
      const res = await answer(server, body);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(
        /^There is no anomaly .+ in the last 30 days; reload the FinOps tab\.$/,
      );
    }
    expect(feedbackCalls()).toEqual([]);
    expect(events().map(e => e.status)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    const history = await request(server)
      .get(FEEDBACK)
      .query({ source: 'portal', anomalyId: AWS_ANOMALY })
      .expect(200);
    expect(history.body.items).toEqual([]);
  });

  it('refuses bad input with 400 naming the field, before any audit or AWS call', async () => {
    const { server, events } = await backend();
    const cases: Array<[unknown, RegExp]> = [
      [{ source: 'aws', anomalyId: AWS_ANOMALY }, /feedback/],
      [
        { source: 'aws', anomalyId: AWS_ANOMALY, feedback: 'MAYBE' },
        /feedback/,
      ],
      [{ source: 'aws', anomalyId: AWS_ANOMALY, feedback: 'yes' }, /feedback/],
      [{ source: 'gcp', anomalyId: AWS_ANOMALY, feedback: 'YES' }, /source/],
      [{ source: 'aws', anomalyId: '', feedback: 'YES' }, /anomalyId/],
      [
        { source: 'aws', anomalyId: 'x'.repeat(513), feedback: 'YES' },
        /anomalyId/,
      ],
      [
        {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
          feedback: 'YES',
          comment: 'c'.repeat(1001),
        },
        /comment/,
      ],
      [
        {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
          feedback: 'YES',
          comment: '   ',
        },
        /comment/,
      ],
      [
        {
          source: 'aws',
          anomalyId: AWS_ANOMALY,
          feedback: 'YES',
          answeredBy: 'user:default/someone-else',
        },
        /answeredBy|additional/i,
      ],
    ];
    for (const [body, field] of cases) {
      const res = await answer(server, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.error.message).toMatch(field);
    }
    expect(feedbackCalls()).toEqual([]);
    expect(events()).toEqual([]);
  });

  it('refuses a user without prod-hardening.finops.feedback with 403, audits it, and records nothing', async () => {
    const { server, events } = await backend([
      permissionsDenying([prodHardeningFinOpsFeedbackPermission.name]),
    ]);
    const res = await answer(server, {
      source: 'aws',
      anomalyId: AWS_ANOMALY,
      feedback: 'YES',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You are not allowed to answer cost anomalies (permission prod-hardening.finops.feedback); ask the FinOps group.',
    );
    expect(feedbackCalls()).toEqual([]);
    expect(events().map(e => [e.status, e.meta.actor])).toEqual([
      ['failed', 'user:default/mock'],
    ]);
    // Reading stays open: the overview still shows the anomaly, unanswered.
    expect((await overview(server)).awsAnomalies[0].feedback).toBeNull();
  });

  it('audits an unauthenticated answer (401) and a service token (403)', async () => {
    const { server, events } = await backend();
    const body = { source: 'aws', anomalyId: AWS_ANOMALY, feedback: 'YES' };
    const none = await request(server)
      .post(FEEDBACK)
      .set('authorization', mockCredentials.none.header())
      .send(body);
    expect(none.status).toBe(401);
    const service = await request(server)
      .post(FEEDBACK)
      .set('authorization', mockCredentials.service.header())
      .send(body);
    expect(service.status).toBe(403);
    expect(events().map(e => [e.status, e.meta.actor])).toEqual([
      ['failed', 'unauthenticated'],
      ['failed', expect.stringMatching(/^service:/)],
    ]);
    expect(feedbackCalls()).toEqual([]);
  });

  it('answers 503 and records nothing when AWS refuses the answer', async () => {
    const { server, events } = await backend();
    const denied = Object.assign(
      new Error('User is not authorized to perform: ce:ProvideAnomalyFeedback'),
      { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } },
    );
    ce.on(ProvideAnomalyFeedbackCommand).rejects(denied);
    const res = await answer(server, {
      source: 'aws',
      anomalyId: AWS_ANOMALY,
      feedback: 'NO',
    });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      'AWS Cost Anomaly Detection did not take the answer, so nothing was recorded: access denied: User is not authorized to perform: ce:ProvideAnomalyFeedback.',
    );
    expect(feedbackCalls()).toEqual([
      { AnomalyId: AWS_ANOMALY, Feedback: 'NO' },
    ]);

    // The same through the emulator, which has no ProvideAnomalyFeedback: a real
    // HTTP refusal rather than a mocked one.
    passToMoto(ProvideAnomalyFeedbackCommand);
    const viaMoto = await answer(server, {
      source: 'aws',
      anomalyId: AWS_ANOMALY,
      feedback: 'YES',
    });
    expect(viaMoto.status).toBe(503);
    expect(viaMoto.body.error.message).toMatch(
      /^AWS Cost Anomaly Detection did not take the answer, so nothing was recorded: the API is not available on this endpoint/,
    );

    expect((await overview(server)).awsAnomalies[0].feedback).toBeNull();
    const history = await request(server)
      .get(FEEDBACK)
      .query({ source: 'aws', anomalyId: AWS_ANOMALY })
      .expect(200);
    expect(history.body.items).toEqual([]);
    expect(events().map(e => [e.status, e.error])).toEqual([
      ['failed', res.body.error.message],
      ['failed', viaMoto.body.error.message],
    ]);
  });
});
