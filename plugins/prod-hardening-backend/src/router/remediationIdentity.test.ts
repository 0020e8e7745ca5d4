import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { ACCOUNT_ID, startSeededMoto } from '../testUtils/localAccount';
import {
  RecordingProxy,
  sessionTagsIn,
  startRecordingProxy,
} from '../testUtils/recordingProxy';

jest.setTimeout(120_000);

const READ_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/huntaze-portal-read`;
const REMEDIATION_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/huntaze-portal-remediation`;

describe('who made a change, as CloudTrail records it', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let proxy: RecordingProxy;

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
    proxy = await startRecordingProxy(moto.endpoint);
  });

  afterAll(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  it('executes a plan as the signed-in user: SourceIdentity, user and plan tags, and the write signed with that session', async () => {
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        mockServices.rootConfig.factory({
          data: {
            prodHardening: {
              aws: {
                accountId: ACCOUNT_ID,
                region: 'us-east-1',
                endpoint: proxy.endpoint,
                readRoleArn: READ_ROLE,
                remediationRoleArn: REMEDIATION_ROLE,
                maxAttempts: 1,
              },
              redis: { url: 'redis://127.0.0.1:1' },
              resources: resources as any,
            },
          },
        }),
      ],
    });
    const plan = await request(server)
      .post('/api/prod-hardening/remediations/preview')
      .send({ checkId: 'guardduty-enabled' });
    expect(plan.body.planId).toEqual(expect.any(String));
    const result = await request(server)
      .post('/api/prod-hardening/remediations/execute')
      .send({ planId: plan.body.planId });
    expect(result.body).toMatchObject({ outcome: 'succeeded' });

    const remediationSessions = proxy
      .assumeRoles()
      .filter(r => r.form.get('RoleArn') === REMEDIATION_ROLE);
    expect(remediationSessions).toHaveLength(1);
    const [assume] = remediationSessions;
    expect(assume.form.get('SourceIdentity')).toBe('user.default.mock');
    expect(sessionTagsIn(assume.form)).toEqual({
      'prod-hardening:user': 'user:default/mock',
      'prod-hardening:plan-id': plan.body.planId,
    });
    const issued = /<AccessKeyId>([^<]+)</.exec(assume.responseBody)?.[1];
    const write = proxy.requests.find(
      r => r.method === 'POST' && r.path === '/detector',
    );
    expect(write).toMatchObject({ service: 'guardduty', accessKeyId: issued });
    // The read role's session never carries a user: reads are the portal's own.
    const readSession = proxy
      .assumeRoles()
      .find(r => r.form.get('RoleArn') === READ_ROLE);
    expect(readSession?.form.get('SourceIdentity')).toBeNull();
  });
});
