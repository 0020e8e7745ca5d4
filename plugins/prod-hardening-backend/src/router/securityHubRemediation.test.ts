import {
  BatchEnableStandardsCommand,
  DescribeHubCommand,
  DisableSecurityHubCommand,
  EnableSecurityHubCommand,
  GetEnabledStandardsCommand,
  SecurityHubClient,
  StandardsSubscription,
} from '@aws-sdk/client-securityhub';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import {
  pluginConfig,
  REGION,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';

jest.setTimeout(120_000);

const CHECK = 'securityhub-fsbp-enabled';
const FSBP = `arn:aws:securityhub:${REGION}::standards/aws-foundational-security-best-practices/v/1.0.0`;

const preview = (server: any) =>
  request(server)
    .post('/api/prod-hardening/remediations/preview')
    .send({ checkId: CHECK });
const execute = (server: any, planId: string) =>
  request(server)
    .post('/api/prod-hardening/remediations/execute')
    .send({ planId });
/** The check as a fresh evaluation sees it. */
const currentCheck = async (server: any) =>
  (
    await request(server).get('/api/prod-hardening/posture?refresh=true')
  ).body.checks.find((c: any) => c.id === CHECK);
const history = async (server: any) =>
  (
    await request(server).get(
      `/api/prod-hardening/remediations/history?checkId=${CHECK}`,
    )
  ).body.items;

describe('"Enable Security Hub + FSBP" remediation against moto_server', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  /**
   * moto_server has no Security Hub standards API (GetEnabledStandards and
   * BatchEnableStandards answer an HTML 404), so those two calls are answered here the
   * way AWS does; every other Security Hub call, EnableSecurityHub included, goes
   * through to the emulator.
   */
  let securityHub: AwsStub<any, any, any>;
  let subscribed: string[];

  const testClient = () =>
    new SecurityHubClient({
      region: REGION,
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
  const hubEnabled = () =>
    testClient()
      .send(new DescribeHubCommand({}))
      .then(() => true)
      .catch(e =>
        e.name === 'InvalidAccessException' ? false : Promise.reject(e),
      );

  const backend = (
    extra: Parameters<typeof startTestBackend>[0]['features'] = [],
  ) =>
    startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: moto.endpoint, resources }),
        ...(extra ?? []),
      ],
    });

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });

  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
    // The story has the hub on; this remediation starts from an account without it.
    await testClient().send(new DisableSecurityHubCommand({}));
    subscribed = [];
    securityHub = mockClient(SecurityHubClient);
    securityHub.send.callThrough();
    securityHub.on(GetEnabledStandardsCommand).callsFake(async () => ({
      StandardsSubscriptions: subscribed.map(
        (arn): StandardsSubscription => ({
          StandardsArn: arn,
          StandardsStatus: 'READY',
          StandardsSubscriptionArn: `${arn}/subscription`,
          StandardsInput: {},
        }),
      ),
    }));
    securityHub.on(BatchEnableStandardsCommand).callsFake(async input => {
      const arns: string[] = input.StandardsSubscriptionRequests.map(
        (r: { StandardsArn: string }) => r.StandardsArn,
      );
      subscribed.push(...arns.filter(a => !subscribed.includes(a)));
      return {
        StandardsSubscriptions: arns.map(arn => ({
          StandardsArn: arn,
          StandardsStatus: 'PENDING',
          StandardsSubscriptionArn: `${arn}/subscription`,
          StandardsInput: {},
        })),
      };
    });
  });

  afterEach(() => securityHub.restore());

  afterAll(async () => {
    await moto?.stop();
  });

  it('turns the check from FAIL to PASS, and the plan cannot run a second time', async () => {
    const { server } = await backend();
    expect(await currentCheck(server)).toMatchObject({
      status: 'FAIL',
      canAutoRemediate: true,
    });

    const plan = await preview(server);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      resourceId: `securityhub/${REGION}`,
      current: { hub: 'not enabled' },
      expected: { hub: 'enabled', standards: [FSBP] },
      calls: [
        {
          action: 'EnableSecurityHub',
          params: { EnableDefaultStandards: false },
        },
        {
          action: 'BatchEnableStandards',
          params: { StandardsSubscriptionRequests: [{ StandardsArn: FSBP }] },
        },
      ],
    });

    const first = await execute(server, plan.body.planId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      outcome: 'succeeded',
      message: 'Applied and verified: the check passes.',
      check: { id: CHECK, status: 'PASS' },
    });
    expect(await hubEnabled()).toBe(true);
    expect(subscribed).toEqual([FSBP]);

    const again = await execute(server, plan.body.planId);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/^This plan was already used/);
    expect(securityHub.commandCalls(EnableSecurityHubCommand)).toHaveLength(1);
    expect(securityHub.commandCalls(BatchEnableStandardsCommand)).toHaveLength(
      1,
    );

    expect(
      (await history(server)).map((h: any) => [
        h.outcome,
        h.verifiedStatus,
        h.calls.length,
      ]),
    ).toEqual([
      ['conflict', undefined, 0],
      ['succeeded', 'PASS', 2],
    ]);
  });

  it('denies a user without the permission with 403, audits and records it, and leaves the hub off', async () => {
    const events: Array<{ eventId: string; meta?: unknown }> = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async options => {
        events.push(options);
        return { success: async () => {}, fail: async () => {} };
      },
    });
    // Reading is allowed (the preview works); only executing is denied.
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            r.permission.name === 'prod-hardening.remediation.execute'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })) as any,
    });
    const { server } = await backend([auditor.factory, permissions.factory]);
    const plan = await preview(server);
    expect(plan.body.planId).toEqual(expect.any(String));

    const res = await execute(server, plan.body.planId);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not allowed to run remediations/);

    expect(await hubEnabled()).toBe(false);
    expect(securityHub.commandCalls(EnableSecurityHubCommand)).toHaveLength(0);
    expect(securityHub.commandCalls(BatchEnableStandardsCommand)).toHaveLength(
      0,
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        eventId: 'remediation-execute',
        meta: expect.objectContaining({ checkId: CHECK, outcome: 'denied' }),
      }),
    );
    expect(await history(server)).toEqual([
      expect.objectContaining({ outcome: 'denied', calls: [] }),
    ]);
    expect((await currentCheck(server)).status).toBe('FAIL');
  });
});

describe('"Enable Security Hub + FSBP" on an endpoint without the standards API', () => {
  let moto: MotoServer;

  beforeAll(async () => {
    ({ moto } = await startSeededMoto());
    await new SecurityHubClient({
      region: REGION,
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }).send(new DisableSecurityHubCommand({}));
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('enables the hub, reports the refused subscription as failed, and the check as not evaluated', async () => {
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: moto.endpoint }),
      ],
    });
    const plan = await preview(server);
    const result = await execute(server, plan.body.planId);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/^AWS refused the change: .*HTTP 404/),
    });
    expect(await currentCheck(server)).toMatchObject({
      status: 'ERROR',
      summary: expect.stringMatching(
        /^Security Hub is enabled, but its standards could not be read/,
      ),
    });
    // The next preview plans only what is still missing.
    const next = await preview(server);
    expect(next.body.calls.map((c: any) => c.action)).toEqual([
      'BatchEnableStandards',
    ]);
  });
});
