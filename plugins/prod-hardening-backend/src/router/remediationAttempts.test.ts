import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CreateDetectorCommand,
  DeleteDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import { prodHardeningRemediationExecutePermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { CountingProxy, startCountingProxy } from '../testUtils/countingProxy';
import { migratedSqlite } from '../testUtils/database';
import {
  pluginConfig,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';
import {
  RecordedAuditEvent,
  recordingAuditor,
} from '../testUtils/recordingAuditor';

jest.setTimeout(180_000);

const API = '/api/prod-hardening';
const THROTTLED = {
  status: 429,
  code: 'ThrottlingException',
  message: 'Rate exceeded',
};

/**
 * Every way an execute can end leaves a completed history row and a completed audit
 * event. AWS is the real moto_server behind a proxy that can fail chosen requests.
 */
describe('every remediation attempt on record', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let proxy: CountingProxy;

  const guardDuty = () =>
    new GuardDutyClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  const detectorIds = async () =>
    (await guardDuty().send(new ListDetectorsCommand({}))).DetectorIds ?? [];
  /** Where this test's requests start in the proxy's log. */
  let since = 0;
  /** CreateDetector calls the backend sent in this test. */
  const creates = () =>
    proxy.log.slice(since).filter(line => line.startsWith('POST /detector'))
      .length;

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
    proxy = await startCountingProxy(moto.endpoint);
  });

  beforeEach(async () => {
    proxy.setFault(undefined);
    await moto.reset();
    await reseed(moto, resources);
    since = proxy.log.length;
  });

  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  async function backend(...extra: any[]) {
    const auditor = recordingAuditor();
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: proxy.endpoint, resources }),
        auditor.factory,
        ...extra,
      ],
    });
    return { server, events: auditor.events };
  }

  const preview = async (server: any, checkId = 'guardduty-enabled') => {
    const res = await request(server)
      .post(`${API}/remediations/preview`)
      .send({ checkId, override: true });
    expect(res.body.planId).toEqual(expect.any(String));
    return res.body;
  };
  const execute = (server: any, planId: string, headers = {}) =>
    request(server)
      .post(`${API}/remediations/execute`)
      .set(headers)
      .send({ planId, reason: 'CHG-1234: close the audit finding' });
  const history = async (server: any) =>
    (await request(server).get(`${API}/remediations/history`)).body.items;

  /** Every execute event ended; the last one with `outcome` and its history row. */
  function expectAudited(events: RecordedAuditEvent[], outcome: string) {
    const executes = events.filter(e => e.eventId === 'remediation-execute');
    expect(executes.map(e => e.status)).not.toContain('initiated');
    const last = executes[executes.length - 1];
    expect(last).toMatchObject({
      status: outcome === 'succeeded' ? 'succeeded' : 'failed',
      endMeta: { outcome, historyId: expect.any(String) },
    });
    expect(last.endMeta?.recordError).toBeUndefined();
    return last.endMeta!.historyId;
  }

  it('succeeded: the row keeps the reason and the overridden blockers, the event succeeds', async () => {
    const { server, events } = await backend();
    const plan = await preview(server, 's3-account-public-access-block');
    expect(plan.blockers.length).toBeGreaterThan(0);

    const res = await execute(server, plan.planId);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('succeeded');
    const [row] = await history(server);
    expect(row).toMatchObject({
      id: res.body.historyId,
      planId: plan.planId,
      checkId: 's3-account-public-access-block',
      outcome: 'succeeded',
      verifiedStatus: 'PASS',
      calls: plan.calls,
      reason: 'CHG-1234: close the audit finding',
      overriddenBlockers: plan.blockers,
    });
    expect(expectAudited(events, 'succeeded')).toBe(res.body.historyId);
  });

  it('failed: AWS refuses the change', async () => {
    const { server, events } = await backend();
    const plan = await preview(server);
    proxy.setFault(line =>
      line.startsWith('POST /detector')
        ? { status: 400, code: 'BadRequestException', message: 'No.' }
        : undefined,
    );
    const res = await execute(server, plan.planId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'failed' });
    expect(res.body.message).toMatch(/^AWS refused the change: .*No\./);
    expect((await history(server))[0]).toMatchObject({
      outcome: 'failed',
      calls: plan.calls,
      reason: 'CHG-1234: close the audit finding',
    });
    expectAudited(events, 'failed');
    expect(await detectorIds()).toEqual([]);
  });

  it('failed: the re-read of the state is throttled, and nothing is changed', async () => {
    const { server, events } = await backend();
    const plan = await preview(server);
    proxy.setFault(line =>
      line.startsWith('GET /detector') ? THROTTLED : undefined,
    );
    const res = await execute(server, plan.planId);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('failed');
    expect(res.body.message).toMatch(
      /^Could not read the current state from AWS, nothing was changed: AWS is throttling/,
    );
    expect((await history(server))[0]).toMatchObject({
      outcome: 'failed',
      calls: [],
    });
    expectAudited(events, 'failed');
    expect(creates()).toBe(0);
  });

  it('unverified: the change is applied but the check cannot be re-run', async () => {
    const { server, events } = await backend();
    const plan = await preview(server);
    // Reads fail once the detector was created: the verification cannot see it.
    proxy.setFault((line, log) =>
      line.startsWith('GET /detector') &&
      log.slice(since).some(l => l.startsWith('POST /detector'))
        ? THROTTLED
        : undefined,
    );
    const res = await execute(server, plan.planId);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('unverified');
    expect(res.body.message).toMatch(/^Applied, but the check/);
    expect((await history(server))[0]).toMatchObject({
      outcome: 'unverified',
      calls: plan.calls,
    });
    expectAudited(events, 'unverified');
    expect(await detectorIds()).toHaveLength(1);
  });

  it('denied: a user without the permission gets 403, recorded with the plan', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            'permission' in r &&
            r.permission.name === prodHardeningRemediationExecutePermission.name
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as any,
    });
    const { server, events } = await backend(permissions.factory);
    const plan = await preview(server);
    const res = await execute(server, plan.planId);
    expect(res.status).toBe(403);
    expect((await history(server))[0]).toMatchObject({
      outcome: 'denied',
      actor: 'user:default/mock',
      checkId: 'guardduty-enabled',
      planId: plan.planId,
      reason: 'CHG-1234: close the audit finding',
      calls: [],
    });
    expectAudited(events, 'denied');
    expect(creates()).toBe(0);
  });

  it('unavailable: the permission service fails, 503 with a clear message, recorded', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests => {
        if (
          requests.some(
            r =>
              'permission' in r &&
              r.permission.name ===
                prodHardeningRemediationExecutePermission.name,
          )
        ) {
          throw new Error('connect ECONNREFUSED 10.0.0.7:7007');
        }
        return requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
      },
    });
    const { server, events } = await backend(permissions.factory);
    const plan = await preview(server);
    const res = await execute(server, plan.planId);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^The permission service is unavailable, so nothing was changed/,
    );
    expect((await history(server))[0]).toMatchObject({
      outcome: 'unavailable',
      actor: 'user:default/mock',
      planId: plan.planId,
    });
    expectAudited(events, 'unavailable');
    expect(creates()).toBe(0);
  });

  it.each([
    ['an unauthenticated call', 401, mockCredentials.none.header(), /^unauth/],
    ['a service token', 403, mockCredentials.service.header(), /^service:/],
  ])(
    'denied: %s gets %i, recorded with what is known',
    async (_name, status, authorization, actor) => {
      const { server, events } = await backend();
      const plan = await preview(server);
      const res = await execute(server, plan.planId, { authorization });
      expect(res.status).toBe(status);
      const [row] = await history(server);
      expect(row).toMatchObject({
        outcome: 'denied',
        planId: plan.planId,
        checkId: 'guardduty-enabled',
      });
      expect(row.actor).toMatch(actor);
      expectAudited(events, 'denied');
      expect(creates()).toBe(0);
    },
  );

  it('stale: the resource changed since the preview, 409', async () => {
    const { server, events } = await backend();
    const plan = await preview(server);
    await guardDuty().send(new CreateDetectorCommand({ Enable: false }));
    const res = await execute(server, plan.planId);
    expect(res.status).toBe(409);
    expect((await history(server))[0].outcome).toBe('stale');
    expectAudited(events, 'stale');
    expect(creates()).toBe(0);
  });

  it('conflict: of two concurrent executes of one plan exactly one runs, the other gets 409', async () => {
    const { server, events } = await backend();
    const plan = await preview(server);
    const results = await Promise.all([
      execute(server, plan.planId),
      execute(server, plan.planId),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([200, 409]);
    expect(creates()).toBe(1);
    expect(await detectorIds()).toHaveLength(1);
    expect((await history(server)).map((h: any) => h.outcome).sort()).toEqual([
      'conflict',
      'succeeded',
    ]);
    const executes = events.filter(e => e.eventId === 'remediation-execute');
    expect(executes.map(e => e.status).sort()).toEqual(['failed', 'succeeded']);
  });

  it('conflict: a replayed plan gets 409 even after the resource returned to its previewed state', async () => {
    const { server, events } = await backend();
    const plan = await preview(server);
    const first = await execute(server, plan.planId);
    expect(first.body.outcome).toBe('succeeded');
    // Back to the previewed state: no detector, so the state hash matches again.
    for (const DetectorId of await detectorIds()) {
      await guardDuty().send(new DeleteDetectorCommand({ DetectorId }));
    }
    expect(await detectorIds()).toEqual([]);

    const replay = await execute(server, plan.planId);
    expect(replay.status).toBe(409);
    expect(replay.body.error.message).toMatch(
      /^This plan was already used at .+ \(succeeded: Applied and verified/,
    );
    expect(creates()).toBe(1);
    expect(await detectorIds()).toEqual([]);
    expect((await history(server))[0].outcome).toBe('conflict');
    expectAudited(events, 'conflict');
  });

  describe('with a database the test can break', () => {
    let db: Knex;

    beforeEach(async () => {
      db = await migratedSqlite();
    });

    afterEach(async () => {
      await db.destroy();
    });

    it('unavailable: a database error other than a taken lock is a 503, recorded, no AWS call', async () => {
      const { server, events } = await backend(
        mockServices.database.factory({ knex: db }),
      );
      const plan = await preview(server);
      await db.schema.dropTable('prod_hardening_remediation_locks');

      const res = await execute(server, plan.planId);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /^The remediation store is unavailable: .*no such table/,
      );
      expect((await history(server))[0]).toMatchObject({
        outcome: 'unavailable',
        planId: plan.planId,
      });
      expectAudited(events, 'unavailable');
      expect(creates()).toBe(0);
    });

    it.each([
      [
        'an action no remediation makes',
        {
          service: 'guardduty',
          action: 'DeleteDetector',
          params: { DetectorId: 'abc' },
        },
        /0\.action: Invalid discriminator value/,
      ],
      [
        'a previewed action with a parameter changed',
        {
          service: 'guardduty',
          action: 'CreateDetector',
          params: { Enable: false, FindingPublishingFrequency: 'ONE_HOUR' },
        },
        /0\.params\.Enable/,
      ],
    ])(
      'rejected: a stored plan holding %s is a 400, recorded, no AWS call',
      async (_what, action, problem) => {
        const { server, events } = await backend(
          mockServices.database.factory({ knex: db }),
        );
        const plan = await preview(server);
        await db('prod_hardening_remediation_plans')
          .where({ plan_id: plan.planId })
          .update({ plan_json: JSON.stringify({ ...plan, calls: [action] }) });
        const requestsBefore = proxy.log.length;

        const res = await execute(server, plan.planId);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^The stored plan holds an action that cannot run/,
        );
        expect(res.body.error.message).toMatch(problem);
        expect((await history(server))[0]).toMatchObject({
          outcome: 'rejected',
          planId: plan.planId,
          checkId: 'guardduty-enabled',
        });
        expectAudited(events, 'rejected');
        expect(proxy.log.length).toBe(requestsBefore);
      },
    );

    it('completes the audit event even when no history row can be written', async () => {
      const { server, events } = await backend(
        mockServices.database.factory({ knex: db }),
      );
      const plan = await preview(server);
      await db.schema.dropTable('prod_hardening_remediation_history');

      const res = await execute(server, plan.planId);
      expect(res.status).toBe(503);
      const [event] = events.filter(e => e.eventId === 'remediation-execute');
      expect(event).toMatchObject({
        status: 'failed',
        endMeta: {
          outcome: 'unavailable',
          recordError: expect.stringMatching(/no such table/),
        },
      });
      expect(creates()).toBe(0);
    });
  });
});
