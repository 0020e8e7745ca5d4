import {
  GetPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startMoto, MotoServer } from '@prod-hardening/dev-stack';
import { awsCallRecorder } from '../testUtils/awsCallRecorder';
import {
  RecordingProxy,
  sessionTagsIn,
  startRecordingProxy,
} from '../testUtils/recordingProxy';
import { DefaultAwsClientFactory, RemediationAws } from './clientFactory';

const JANE = { userRef: 'user:default/jane.doe', planId: 'plan-1' };

jest.setTimeout(30_000);

describe('DefaultAwsClientFactory against moto_server', () => {
  let moto: MotoServer;
  let factory: DefaultAwsClientFactory;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    moto = await startMoto();
    factory = new DefaultAwsClientFactory({
      accountId: '123456789012',
      region: 'us-east-1',
      endpoint: moto.endpoint,
      connectTimeoutMs: 1000,
      requestTimeoutMs: 5000,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    factory?.destroy();
    await moto?.stop();
  });

  it('sends calls to the endpoint override', async () => {
    const out = await factory
      .client(STSClient)
      .send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('123456789012');
  });

  it('reaches S3 Control although the SDK prefixes the host with the account id', async () => {
    // Without the pinned endpoint the SDK builds http://123456789012.127.0.0.1:port and fails.
    await expect(
      factory
        .client(S3ControlClient, { accountIdInHost: true })
        .send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' })),
    ).rejects.toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration' });
  });

  it('adds the given middleware to every client it builds, read and remediation alike', async () => {
    const recorder = awsCallRecorder();
    const recorded = new DefaultAwsClientFactory(
      {
        accountId: '123456789012',
        region: 'us-east-1',
        endpoint: moto.endpoint,
        connectTimeoutMs: 1000,
        requestTimeoutMs: 5000,
        maxAttempts: 1,
      },
      { plugins: [recorder.plugin] },
    );
    try {
      await recorded.client(STSClient).send(new GetCallerIdentityCommand({}));
      await recorded.actingAs(JANE, aws =>
        aws
          .client(S3ControlClient, { accountIdInHost: true })
          .send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }))
          .catch(() => undefined),
      );
    } finally {
      recorded.destroy();
    }
    expect(recorder.calls).toEqual([
      { client: 'STSClient', operation: 'GetCallerIdentity', input: {} },
      {
        client: 'S3ControlClient',
        operation: 'GetPublicAccessBlock',
        input: { AccountId: '123456789012' },
      },
    ]);
    expect(recorder.writes()).toEqual([]);
  });

  it('reuses one read client per service', () => {
    expect(factory.client(STSClient)).toBe(factory.client(STSClient));
  });

  it('gives remediation clients only while acting for a user, never the read clients', async () => {
    let escaped: RemediationAws | undefined;
    await factory.actingAs(JANE, async aws => {
      escaped = aws;
      expect(aws.client(STSClient)).not.toBe(factory.client(STSClient));
      expect(aws.client(STSClient)).toBe(aws.client(STSClient));
    });
    expect(() => escaped!.client(STSClient)).toThrow(
      'A remediation client was asked for after acting as user:default/jane.doe ended',
    );
  });
});

describe('DefaultAwsClientFactory.actingAs, on the wire to moto_server', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/huntaze-portal-remediation';
  let moto: MotoServer;
  let proxy: RecordingProxy;
  let factory: DefaultAwsClientFactory;

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    moto = await startMoto();
    proxy = await startRecordingProxy(moto.endpoint);
    factory = new DefaultAwsClientFactory({
      accountId: '123456789012',
      region: 'us-east-1',
      endpoint: proxy.endpoint,
      remediationRoleArn: ROLE,
      externalId: 'portal-external-id',
      connectTimeoutMs: 1000,
      requestTimeoutMs: 5000,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    factory?.destroy();
    await proxy?.stop();
    await moto?.stop();
  });

  it('assumes the remediation role with the user as SourceIdentity and the user and plan as session tags', async () => {
    const before = proxy.assumeRoles().length;
    const caller = await factory.actingAs(JANE, aws =>
      aws.client(STSClient).send(new GetCallerIdentityCommand({})),
    );

    const [assume] = proxy.assumeRoles().slice(before);
    expect(assume.form.get('RoleArn')).toBe(ROLE);
    expect(assume.form.get('SourceIdentity')).toBe('user.default.jane.doe');
    expect(assume.form.get('RoleSessionName')).toBe('user.default.jane.doe');
    expect(assume.form.get('ExternalId')).toBe('portal-external-id');
    expect(assume.form.get('DurationSeconds')).toBe('900');
    expect(sessionTagsIn(assume.form)).toEqual({
      'prod-hardening:user': 'user:default/jane.doe',
      'prod-hardening:plan-id': 'plan-1',
    });
    // The call itself ran as the session AWS issued for that user.
    expect(caller.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/huntaze-portal-remediation/user.default.jane.doe',
    );
    const issued = /<AccessKeyId>([^<]+)</.exec(assume.responseBody)?.[1];
    expect(proxy.requests.at(-1)).toMatchObject({
      service: 'sts',
      accessKeyId: issued,
    });
  });

  it('assumes the role once per user and plan, whatever the number of clients and calls', async () => {
    const plan = { userRef: 'user:default/sam', planId: 'plan-2' };
    const before = proxy.assumeRoles().length;
    await factory.actingAs(plan, async aws => {
      await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
      await aws.client(STSClient).send(new GetCallerIdentityCommand({}));
      await aws
        .client(S3ControlClient, { accountIdInHost: true })
        .send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }))
        .catch(() => undefined);
    });
    // The same plan again (e.g. its verification) reuses the live session...
    await factory.actingAs(plan, aws =>
      aws.client(STSClient).send(new GetCallerIdentityCommand({})),
    );
    expect(proxy.assumeRoles().length - before).toBe(1);

    // ...another plan of the same user is a new session, tagged with that plan.
    await factory.actingAs({ ...plan, planId: 'plan-3' }, aws =>
      aws.client(STSClient).send(new GetCallerIdentityCommand({})),
    );
    const added = proxy.assumeRoles().slice(before);
    expect(added).toHaveLength(2);
    expect(sessionTagsIn(added[1].form)['prod-hardening:plan-id']).toBe(
      'plan-3',
    );
  });

  it('tags a change without a plan (DLQ redrive) with the user only', async () => {
    const before = proxy.assumeRoles().length;
    await factory.actingAs({ userRef: 'user:default/oncall' }, aws =>
      aws.client(STSClient).send(new GetCallerIdentityCommand({})),
    );
    const [assume] = proxy.assumeRoles().slice(before);
    expect(sessionTagsIn(assume.form)).toEqual({
      'prod-hardening:user': 'user:default/oncall',
    });
  });
});
