import {
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { fakeBatchUpdateFindings } from '../testUtils/securityHubWorkflowFake';
import {
  pluginConfig,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';
import { recordingAuditor } from '../testUtils/recordingAuditor';

jest.setTimeout(180_000);

const DAY = 24 * 60 * 60_000;
const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();
const GUARDDUTY = {
  checkId: 'guardduty-enabled',
  resourceId: 'guardduty/us-east-1',
};
const JUSTIFICATION =
  'GuardDuty is replaced by the vendor IDS until the migration ends.';

describe('exemptions against moto_server', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let fake: ReturnType<typeof fakeBatchUpdateFindings>;
  /** One backend for the refusals, which change nothing. */
  let shared: any;

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
    return { server, events: auditor.events };
  };
  const api = (server: any) => ({
    create: (body: unknown) =>
      request(server)
        .post('/api/prod-hardening/exemptions')
        .send(body as object),
    revoke: (id: string) =>
      request(server)
        .post(`/api/prod-hardening/exemptions/${id}/revoke`)
        .send(),
    list: (query = '') =>
      request(server).get(`/api/prod-hardening/exemptions${query}`),
    history: async (checkId: string) =>
      (
        await request(server).get(
          `/api/prod-hardening/remediations/history?checkId=${checkId}`,
        )
      ).body.items,
  });
  const motoWorkflow = async (findingId: string) => {
    const client = new SecurityHubClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const { Findings = [] } = await client.send(new GetFindingsCommand({}));
    return Findings.find(f => f.Id === findingId);
  };

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });
  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
    fake = fakeBatchUpdateFindings(moto.endpoint);
  });
  afterEach(() => fake.stub.restore());
  afterAll(async () => {
    await moto?.stop();
  });

  it('exempts a failing check, refuses its remediation with 409 naming the exemption, and revokes it', async () => {
    const { server, events } = await backend();
    const created = await api(server).create({
      kind: 'check',
      ...GUARDDUTY,
      justification: JUSTIFICATION,
      expiresAt: inDays(30),
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      kind: 'check',
      ...GUARDDUTY,
      status: 'active',
      createdBy: 'user:default/mock',
    });
    const id = created.body.id;

    // The score with exemptions leaves the check out; the raw score still counts it.
    const posture = (await request(server).get('/api/prod-hardening/posture'))
      .body;
    expect(posture.scoreWithExemptions).toMatchObject({
      exempted: 1,
      failed: posture.score.failed - 1,
      passed: posture.score.passed,
    });
    expect(posture.scoreWithExemptions.securityHubPercent).toBeGreaterThan(
      posture.score.securityHubPercent,
    );

    const preview = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 'guardduty-enabled' });
    expect(preview.status).toBe(409);
    expect(preview.body.error.message).toContain(`exemption ${id}`);

    const again = await api(server).create({
      kind: 'check',
      ...GUARDDUTY,
      justification: JUSTIFICATION,
      expiresAt: inDays(10),
    });
    expect(again.status).toBe(409);

    const revoked = await api(server).revoke(id);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revokedBy: 'user:default/mock',
    });
    expect((await api(server).revoke(id)).status).toBe(409);
    const previewAfter = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 'guardduty-enabled' });
    expect(previewAfter.status).toBe(200);

    const history = await api(server).history('guardduty-enabled');
    expect(history.map((h: any) => h.outcome)).toEqual([
      'conflict', // the second revoke
      'succeeded', // revoke
      'conflict', // the second exemption
      'succeeded', // create
    ]);
    expect(history[3]).toMatchObject({
      reason: JUSTIFICATION,
      resourceId: GUARDDUTY.resourceId,
    });
    expect(
      events
        .filter(e => e.eventId.startsWith('exemption-'))
        .map(e => [e.eventId, e.status]),
    ).toEqual([
      ['exemption-create', 'succeeded'],
      ['exemption-create', 'failed'],
      ['exemption-revoke', 'succeeded'],
      ['exemption-revoke', 'failed'],
    ]);
    // Security Hub is not touched for a check's exemption.
    expect(fake.updates).toEqual([]);
  });

  it('suppresses a finding in Security Hub with a note, and puts its status back on revoke', async () => {
    const { server } = await backend();
    const findings = await request(server).get(
      '/api/prod-hardening/findings?pageSize=200',
    );
    const finding = findings.body.items.find(
      (f: any) => f.workflowStatus === 'NEW',
    );
    expect(finding).toBeDefined();
    const expiresAt = inDays(14);

    const created = await api(server).create({
      kind: 'finding',
      findingId: finding.id,
      justification: JUSTIFICATION,
      expiresAt,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      kind: 'finding',
      findingId: finding.id,
      resourceId: finding.resourceId,
      previousWorkflowStatus: 'NEW',
    });
    expect(fake.updates).toHaveLength(1);
    expect(fake.updates[0]).toMatchObject({
      FindingIdentifiers: [{ Id: finding.id }],
      Workflow: { Status: 'SUPPRESSED' },
      Note: { UpdatedBy: 'user:default/mock' },
    });
    expect(fake.updates[0].Note!.Text).toContain(JUSTIFICATION);
    expect(fake.updates[0].Note!.Text).toContain(created.body.expiresAt);
    expect((await motoWorkflow(finding.id))?.Workflow?.Status).toBe(
      'SUPPRESSED',
    );

    const revoked = await api(server).revoke(created.body.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body.workflowRestoredAt).toEqual(expect.any(String));
    expect(fake.updates[1]).toMatchObject({ Workflow: { Status: 'NEW' } });
    expect((await motoWorkflow(finding.id))?.Workflow?.Status).toBe('NEW');
  });

  it('lists with filters and exports CSV', async () => {
    const { server } = await backend();
    const a = await api(server).create({
      kind: 'check',
      ...GUARDDUTY,
      justification: JUSTIFICATION,
      expiresAt: inDays(30),
    });
    expect(a.status).toBe(200);
    await api(server).revoke(a.body.id);
    const b = await api(server).create({
      kind: 'check',
      ...GUARDDUTY,
      justification: 'Second look: still replaced by the vendor IDS.',
      expiresAt: inDays(5),
    });
    expect(b.status).toBe(200);

    const active = await api(server).list('?status=active');
    expect(active.body.items.map((e: any) => e.id)).toEqual([b.body.id]);
    const revoked = await api(server).list(
      '?status=revoked&checkId=guardduty-enabled',
    );
    expect(revoked.body.items.map((e: any) => e.id)).toEqual([a.body.id]);
    expect((await api(server).list('?resource=other')).body.items).toEqual([]);

    const csv = await api(server).list('?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')).toHaveLength(4); // header, two rows, final CRLF
    const csv2 = await request(server).get(
      '/api/prod-hardening/exemptions.csv?status=active',
    );
    expect(csv2.status).toBe(200);
    expect(csv2.text).toContain(b.body.id);
    expect(csv2.text).not.toContain(a.body.id);
  });

  it.each([
    [
      'no justification',
      { kind: 'check', ...GUARDDUTY, expiresAt: 'IN30' },
      400,
      /justification/,
    ],
    [
      'a blank justification',
      { kind: 'check', ...GUARDDUTY, justification: '    ', expiresAt: 'IN30' },
      400,
      /justification/,
    ],
    [
      'no expiry',
      { kind: 'check', ...GUARDDUTY, justification: JUSTIFICATION },
      400,
      /expiresAt/,
    ],
    [
      'an expiry in the past',
      {
        kind: 'check',
        ...GUARDDUTY,
        justification: JUSTIFICATION,
        expiresAt: 'PAST',
      },
      400,
      /in the past/,
    ],
    [
      'an expiry beyond 90 days',
      {
        kind: 'check',
        ...GUARDDUTY,
        justification: JUSTIFICATION,
        expiresAt: 'IN91',
      },
      400,
      /more than 90 days/,
    ],
    [
      'an unknown check',
      {
        kind: 'check',
        checkId: 'no-such-check',
        resourceId: 'x',
        justification: JUSTIFICATION,
        expiresAt: 'IN30',
      },
      404,
      /no check/,
    ],
    [
      'a resource the check did not look at',
      {
        kind: 'check',
        checkId: 'guardduty-enabled',
        resourceId: 'guardduty/eu-west-3',
        justification: JUSTIFICATION,
        expiresAt: 'IN30',
      },
      404,
      /did not look at/,
    ],
    [
      'an unknown finding',
      {
        kind: 'finding',
        findingId: 'arn:aws:securityhub:us-east-1:123456789012:finding/nope',
        justification: JUSTIFICATION,
        expiresAt: 'IN30',
      },
      404,
      /no open finding/,
    ],
  ])(
    'refuses %s with a message, stores nothing and calls no AWS write',
    async (_name, body: any, status, message) => {
      shared ??= (await backend()).server;
      const server = shared;
      const expiry: Record<string, string> = {
        IN30: inDays(30),
        IN91: inDays(91),
        PAST: inDays(-1),
      };
      const sent = {
        ...body,
        ...(body.expiresAt ? { expiresAt: expiry[body.expiresAt] } : {}),
      };
      const res = await api(server).create(sent);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect((await api(server).list()).body.items).toEqual([]);
      expect(fake.updates).toEqual([]);
    },
  );

  it('refuses a user without prod-hardening.exemption.create with 403 and records it', async () => {
    const { server, events } = await backend([
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    const res = await api(server).create({
      kind: 'check',
      ...GUARDDUTY,
      justification: JUSTIFICATION,
      expiresAt: inDays(30),
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/prod-hardening\.exemption\.create/);
    expect(events.map(e => [e.eventId, e.status])).toContainEqual([
      'exemption-create',
      'failed',
    ]);
  });

  it('records an unauthenticated create (401) and a service token (403) in the history', async () => {
    const { server } = await backend();
    const body = {
      kind: 'check',
      ...GUARDDUTY,
      justification: JUSTIFICATION,
      expiresAt: inDays(30),
    };
    const none = await request(server)
      .post('/api/prod-hardening/exemptions')
      .set('authorization', mockCredentials.none.header())
      .send(body);
    expect(none.status).toBe(401);
    const service = await request(server)
      .post('/api/prod-hardening/exemptions')
      .set('authorization', mockCredentials.service.header())
      .send(body);
    expect(service.status).toBe(403);
    const history = await api(server).history('guardduty-enabled');
    expect(history.map((h: any) => [h.outcome, h.actor])).toEqual([
      ['denied', expect.stringMatching(/^service:/)],
      ['denied', 'unauthenticated'],
    ]);
    expect((await api(server).list()).body.items).toEqual([]);
  });
});
