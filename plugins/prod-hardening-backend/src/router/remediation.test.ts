import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GetPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import {
  CreateDetectorCommand,
  GuardDutyClient,
} from '@aws-sdk/client-guardduty';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import {
  ACCOUNT_ID as ACCOUNT,
  pluginConfig,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';

jest.setTimeout(120_000);

describe('remediation protocol against moto_server', () => {
  let moto: MotoServer;
  let resources: ResourceNames;

  const config = () => pluginConfig({ endpoint: moto.endpoint, resources });

  const s3control = () =>
    new S3ControlClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      endpointProvider: () => ({ url: new URL(moto.endpoint) }),
    } as any);
  const readBpa = () =>
    s3control()
      .send(new GetPublicAccessBlockCommand({ AccountId: ACCOUNT }))
      .then(o => o.PublicAccessBlockConfiguration)
      .catch(e => e.name);

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });

  // Each test starts from the story, whatever the previous one remediated.
  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it('refuses to plan account Block Public Access while a website bucket is public, unless overridden', async () => {
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const refused = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 's3-account-public-access-block' });
    expect(refused.status).toBe(200);
    expect(refused.body.planId).toBeUndefined();
    expect(refused.body.blockers[0]).toContain(
      'huntaze-static-site-production',
    );

    const plan = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 's3-account-public-access-block', override: true });
    expect(plan.body.planId).toEqual(expect.any(String));
    expect(plan.body.overridden).toBe(true);
    expect(plan.body.calls).toEqual([
      {
        service: 's3control',
        action: 'PutPublicAccessBlock',
        params: {
          AccountId: ACCOUNT,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
      },
    ]);
  });

  it('turns the Block Public Access check from FAIL to PASS and records it; the plan cannot run twice', async () => {
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const before = await request(server).get('/api/prod-hardening/posture');
    expect(
      before.body.checks.find(
        (c: any) => c.id === 's3-account-public-access-block',
      ),
    ).toMatchObject({
      status: 'FAIL',
      canAutoRemediate: true,
    });
    const plan = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 's3-account-public-access-block', override: true });

    const first = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: plan.body.planId });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      outcome: 'succeeded',
      check: { status: 'PASS' },
    });
    expect(await readBpa()).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });

    const again = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: plan.body.planId });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /already used at .+ \(succeeded: Applied and verified/,
    );

    const after = await request(server).get('/api/prod-hardening/posture');
    expect(
      after.body.checks.find(
        (c: any) => c.id === 's3-account-public-access-block',
      ).status,
    ).toBe('PASS');

    const history = await request(server).get(
      '/api/prod-hardening/remediations/history?checkId=s3-account-public-access-block',
    );
    expect(
      history.body.items.map((h: any) => [h.outcome, h.verifiedStatus]),
    ).toEqual([
      ['conflict', undefined],
      ['succeeded', 'PASS'],
    ]);
    expect(history.body.items[1]).toMatchObject({
      actor: 'user:default/mock',
      calls: plan.body.calls,
      overriddenBlockers: plan.body.blockers,
    });
  });

  it('enables GuardDuty and verifies the check passes', async () => {
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const plan = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 'guardduty-enabled' });
    expect(plan.body.calls[0]).toMatchObject({
      service: 'guardduty',
      action: 'CreateDetector',
    });
    const result = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: plan.body.planId });
    expect(result.body).toMatchObject({
      outcome: 'succeeded',
      check: { id: 'guardduty-enabled', status: 'PASS' },
    });
  });

  it.each([
    ['ecs-container-insights', 'UpdateCluster', 'PASS'],
    ['dynamodb-pitr', 'UpdateContinuousBackups', 'PASS'],
    ['sqs-encryption', 'SetQueueAttributes', 'PASS'],
    ['cloudwatch-logs-retention', 'PutRetentionPolicy', 'PASS'],
    // Multi-region and validation are fixed; CloudWatch Logs delivery needs a role and
    // log group from the Terraform, so the check stays a warning.
    ['cloudtrail-multi-region', 'UpdateTrail', 'WARN'],
  ])(
    'remediates %s with %s and the check becomes %s',
    async (checkId, action, verified) => {
      const { server } = await startTestBackend({
        features: [prodHardeningPlugin, config()],
      });
      const before = await request(server).get('/api/prod-hardening/posture');
      expect(before.body.checks.find((c: any) => c.id === checkId).status).toBe(
        'FAIL',
      );
      const plan = await request(server)
        .post('/api/prod-hardening/remediations/preview')
        .send({ checkId });
      expect(plan.body.calls.map((c: any) => c.action)).toContain(action);
      const result = await request(server)
        .post('/api/prod-hardening/remediations/execute')
        .send({ planId: plan.body.planId });
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({
        outcome: 'succeeded',
        check: { id: checkId, status: verified },
      });
    },
  );

  it('refuses a stale plan with 409 when the resource changed after the preview', async () => {
    const { server } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const plan = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 'guardduty-enabled' });
    await new GuardDutyClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }).send(new CreateDetectorCommand({ Enable: false }));

    const result = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: plan.body.planId });
    expect(result.status).toBe(409);
    expect(result.body.error.message).toMatch(/changed since the preview/);
    const history = await request(server).get(
      '/api/prod-hardening/remediations/history',
    );
    expect(history.body.items[0]).toMatchObject({
      outcome: 'stale',
      checkId: 'guardduty-enabled',
    });
  });

  it('denies a user without the permission with 403, records the attempt and leaves the account unchanged', async () => {
    const { server: reader } = await startTestBackend({
      features: [prodHardeningPlugin, config()],
    });
    const plan = await request(reader)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 's3-account-public-access-block', override: true });

    // Another backend on the same database would share plans; here the denial happens
    // before the plan is even looked up, so a fresh backend that denies is enough.
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        config(),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const res = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: plan.body.planId });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not allowed to run remediations/);
    expect(await readBpa()).toBe('NoSuchPublicAccessBlockConfiguration');
  });
});

describe('remediation input validation (no AWS call is made)', () => {
  let server: any;

  beforeAll(async () => {
    // An endpoint that refuses connections: any AWS call would fail the test with a 5xx.
    ({ server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: 'http://127.0.0.1:1' }),
      ],
    }));
  });

  it.each([
    [{}, /checkId/],
    [{ checkId: 'S3; DROP TABLE' }, /checkId/],
    [{ checkId: 'x'.repeat(300) }, /checkId/],
    [{ checkId: 'rds-force-ssl' }, /has no automated remediation/],
    [{ checkId: 'guardduty-enabled', override: 'yes' }, /override/],
    [{ checkId: 'guardduty-enabled', extra: 1 }, /extra|additional/i],
  ])('rejects preview body %j with 400', async (body, message) => {
    const res = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for an unknown plan and 400 for a malformed plan id', async () => {
    const unknown = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    const malformed = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: "1' OR '1'='1" });
    expect(malformed.status).toBe(400);
  });
});
