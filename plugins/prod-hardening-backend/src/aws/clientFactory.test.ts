import {
  GetPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startMoto, MotoServer } from '@prod-hardening/dev-stack';
import { awsCallRecorder } from '../testUtils/awsCallRecorder';
import { DefaultAwsClientFactory } from './clientFactory';

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

  it('adds the given middleware to every client it builds, whatever the access', async () => {
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
      await recorded
        .client(S3ControlClient, { access: 'remediate', accountIdInHost: true })
        .send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }))
        .catch(() => undefined);
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

  it('reuses one client per service and access kind, separating read from remediation', () => {
    expect(factory.client(STSClient)).toBe(
      factory.client(STSClient, { access: 'read' }),
    );
    expect(factory.client(STSClient, { access: 'remediate' })).not.toBe(
      factory.client(STSClient, { access: 'read' }),
    );
  });
});
