import {
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import {
  ACCOUNT_ID,
  pluginConfig,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';
import { prodHardeningRemediationExecutePermission } from '@prod-hardening/plugin-prod-hardening-common';
import { permissionsDenying } from '../testUtils/permissions';
import { recordingAuditor } from '../testUtils/recordingAuditor';
import {
  seededCatalogEntities,
  seededUserInfo,
} from '../testUtils/seededCatalog';

jest.setTimeout(180_000);

const API = '/api/prod-hardening';
const BPA = 's3-account-public-access-block';
const DANA = 'user:default/dana'; // platform on-call: the requester
const SAM = 'user:default/sam'; // security: an approver
const WENDY = 'user:default/wendy'; // team-web: neither
const REASON = 'The pentest found the account-wide setting off.';

describe('four-eyes approvals against moto_server', () => {
  let moto: MotoServer;
  let resources: ResourceNames;

  const s3control = () =>
    new S3ControlClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      endpointProvider: () => ({ url: new URL(moto.endpoint) }),
    } as any);
  const readBpa = () =>
    s3control()
      .send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT_ID }))
      .then(o => o.PublicAccessBlockConfiguration)
      .catch(e => e.name);

  const backend = async (extraFeatures: any[] = []) => {
    const auditor = recordingAuditor();
    const { server } = await startTestBackend({
      features: [
        ...extraFeatures,
        prodHardeningPlugin,
        // The production defaults: BPA and overridden blockers need approval.
        pluginConfig({ endpoint: moto.endpoint, resources, approvals: {} }),
        catalogServiceMock.factory({ entities: seededCatalogEntities() }),
        seededUserInfo,
        auditor.factory,
      ],
    });
    const as = (user: string) => ({
      authorization: mockCredentials.user.header(user),
    });
    const api = {
      preview: (user: string, checkId: string, override = false) =>
        request(server)
          .post(`${API}/remediations/preview`)
          .set(as(user))
          .send({ checkId, override }),
      execute: (user: string, planId: string) =>
        request(server)
          .post(`${API}/remediations/execute`)
          .set(as(user))
          .send({ planId }),
      ask: (user: string, body: object) =>
        request(server)
          .post(`${API}/remediations/approvals`)
          .set(as(user))
          .send(body),
      decide: (user: string, id: string, body: object) =>
        request(server)
          .post(`${API}/remediations/approvals/${id}/decision`)
          .set(as(user))
          .send(body),
      get: (user: string, id: string) =>
        request(server)
          .get(`${API}/remediations/approvals/${id}`)
          .set(as(user)),
      list: (user: string, query = '') =>
        request(server)
          .get(`${API}/remediations/approvals${query}`)
          .set(as(user)),
      history: async (checkId: string) =>
        (
          await request(server).get(
            `${API}/remediations/history?checkId=${checkId}&limit=100`,
          )
        ).body.items as any[],
    };
    return { api, events: auditor.events };
  };

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });
  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('runs the change only after a second person approved that very plan; every step is refused or recorded', async () => {
    const { api, events } = await backend();
    const plan = (await api.preview(DANA, BPA, true)).body;
    expect(plan.approval).toEqual({
      required: true,
      reasons: [
        `Every remediation of ${BPA} needs approval.`,
        expect.stringContaining("The preview's blockers are overridden"),
      ],
    });

    // Not approved yet: nothing reaches AWS.
    const early = await api.execute(DANA, plan.planId);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/needs approval/);
    expect(await readBpa()).toBe('NoSuchPublicAccessBlockConfiguration');

    const short = await api.ask(DANA, { planId: plan.planId, reason: 'pls' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(
      /^reason must be at least 10 characters\.$/,
    );

    const asked = await api.ask(DANA, { planId: plan.planId, reason: REASON });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      planId: plan.planId,
      checkId: BPA,
      requester: DANA,
      reason: REASON,
      status: 'pending',
      calls: plan.calls,
      overriddenBlockers: plan.blockers,
    });
    expect(asked.body.approverGroups).toContain('group:default/security');
    const id = asked.body.id;
    expect(
      (await api.ask(DANA, { planId: plan.planId, reason: REASON })).status,
    ).toBe(409);

    // What each person sees they may do.
    expect((await api.get(SAM, id)).body).toMatchObject({
      canDecide: true,
      canExecute: false,
    });
    expect((await api.get(DANA, id)).body).toMatchObject({
      canDecide: false,
    });
    expect((await api.list(SAM, '?status=pending')).body.items).toEqual([
      expect.objectContaining({ id }),
    ]);

    const self = await api.decide(DANA, id, { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(
      /You asked for this change yourself/,
    );
    const outsider = await api.decide(WENDY, id, { decision: 'approve' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.message).toMatch(
      /Only members of group:default\/security/,
    );
    const pending = await api.execute(DANA, plan.planId);
    expect(pending.status).toBe(409);
    expect(pending.body.error.message).toMatch(/waiting for approval/);

    const approved = await api.decide(SAM, id, {
      decision: 'approve',
      comment: 'The website bucket moves behind CloudFront first.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: SAM,
      decisionComment: 'The website bucket moves behind CloudFront first.',
    });
    const twice = await api.decide(SAM, id, { decision: 'reject' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(
      /already approved by user:default\/sam/,
    );

    const stranger = await api.execute(WENDY, plan.planId);
    expect(stranger.status).toBe(409);
    expect(await readBpa()).toBe('NoSuchPublicAccessBlockConfiguration');

    const ran = await api.execute(DANA, plan.planId);
    expect(ran.status).toBe(200);
    expect(ran.body.outcome).toBe('succeeded');
    expect(await readBpa()).toMatchObject({ BlockPublicPolicy: true });
    expect((await api.get(DANA, id)).body).toMatchObject({
      status: 'executed',
      executedBy: DANA,
      historyId: ran.body.historyId,
      canExecute: false,
    });
    expect((await api.execute(SAM, plan.planId)).status).toBe(409);

    // The history tells the whole story, refusals included.
    const rows = (await api.history(BPA)).map(r => [r.actor, r.outcome]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [DANA, 'succeeded'], // asked, then executed
        [DANA, 'denied'], // self-approval
        [WENDY, 'denied'],
        [SAM, 'succeeded'], // approved
        [SAM, 'conflict'], // decided twice
      ]),
    );
    const ids = events.map(e => e.eventId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'remediation-approval-request',
        'remediation-approval-decide',
        'remediation-execute',
      ]),
    );
  });

  it('offers the approved plan’s execution only to whom the execute permission allows', async () => {
    // sam approves but may not execute (the usual security-group setup)
    const { api } = await backend([
      permissionsDenying([prodHardeningRemediationExecutePermission.name], SAM),
    ]);
    const plan = (await api.preview(DANA, BPA, true)).body;
    const id = (await api.ask(DANA, { planId: plan.planId, reason: REASON }))
      .body.id;
    expect((await api.get(SAM, id)).body.canDecide).toBe(true);
    expect(
      (await api.decide(SAM, id, { decision: 'approve' })).body,
    ).toMatchObject({ status: 'approved', canExecute: false });
    expect((await api.get(SAM, id)).body.canExecute).toBe(false);
    expect((await api.list(SAM)).body.items).toEqual([
      expect.objectContaining({ id, canExecute: false }),
    ]);
    expect((await api.get(DANA, id)).body.canExecute).toBe(true);
    // and the backend refuses what the view does not offer
    const refused = await api.execute(SAM, plan.planId);
    expect(refused.status).toBe(403);
    expect(await readBpa()).toBe('NoSuchPublicAccessBlockConfiguration');
  });

  it('refuses a rejected plan, and an approved plan whose resource changed since the preview', async () => {
    const { api } = await backend();
    const first = (await api.preview(DANA, BPA, true)).body;
    const asked = (
      await api.ask(DANA, { planId: first.planId, reason: REASON })
    ).body;
    await api.decide(SAM, asked.id, {
      decision: 'reject',
      comment: 'Not during the sale.',
    });
    const rejected = await api.execute(DANA, first.planId);
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.message).toBe(
      `The approval request ${asked.id} was rejected by ${SAM} ("Not during the sale.").`,
    );

    const second = (await api.preview(DANA, BPA, true)).body;
    const again = (
      await api.ask(DANA, { planId: second.planId, reason: REASON })
    ).body;
    expect(
      (await api.decide(SAM, again.id, { decision: 'approve' })).status,
    ).toBe(200);
    // Someone changes the setting by hand after the approval.
    await s3control().send(
      new PutPublicAccessBlockCommand({
        AccountId: ACCOUNT_ID,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true },
      }),
    );
    const stale = await api.execute(SAM, second.planId);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed since the preview/);
    expect(await readBpa()).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
  });

  it('answers bad requests with 4xx and a sentence, and keeps plans that need no approval direct', async () => {
    const { api } = await backend();
    const guardDuty = (await api.preview(DANA, 'guardduty-enabled')).body;
    expect(guardDuty.approval).toEqual({ required: false, reasons: [] });
    const needless = await api.ask(DANA, {
      planId: guardDuty.planId,
      reason: REASON,
    });
    expect(needless.status).toBe(400);
    expect(needless.body.error.message).toMatch(/does not need approval/);

    const bpa = (await api.preview(DANA, BPA, true)).body;
    const notYours = await api.ask(SAM, { planId: bpa.planId, reason: REASON });
    expect(notYours.status).toBe(409);
    expect(notYours.body.error.message).toMatch(/previewed by another user/);

    const unknownPlan = await api.ask(DANA, {
      planId: '00000000-0000-4000-8000-000000000000',
      reason: REASON,
    });
    expect(unknownPlan.status).toBe(404);
    const unknown = await api.decide(
      SAM,
      '00000000-0000-4000-8000-000000000000',
      { decision: 'approve' },
    );
    expect(unknown.status).toBe(404);
    const badDecision = await api.decide(
      SAM,
      '00000000-0000-4000-8000-000000000000',
      { decision: 'maybe' },
    );
    expect(badDecision.status).toBe(400);
    expect((await api.get(SAM, 'not-a-uuid')).status).toBe(400);
    expect(await readBpa()).toBe('NoSuchPublicAccessBlockConfiguration');
  });
});
