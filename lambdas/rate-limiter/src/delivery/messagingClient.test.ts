import {
  CreateSecretCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { startMoto, MotoServer } from '@prod-hardening/dev-stack';
import { startStubApi, StubApi } from '../../local/stubApi';
import { MessagingClient } from './messagingClient';
import {
  ApiThrottledError,
  ApiUnavailableError,
  MessageRejectedError,
} from './errors';
import { secretsManagerToken, staticToken } from './token';
import { awsClients, message } from '../../testUtils/localStack';
import { withEventLoopLag } from '../../testUtils/eventLoopLag';

jest.setTimeout(60_000);

let stub: StubApi;
let slowStub: StubApi;
let moto: MotoServer;

beforeAll(async () => {
  [stub, slowStub, moto] = await Promise.all([
    startStubApi({ token: 'right-token' }),
    startStubApi({ delayMs: 500 }),
    startMoto(),
  ]);
});
afterAll(() => Promise.all([stub.close(), slowStub.close(), moto.stop()]));
beforeEach(() => {
  stub.reset();
  stub.setRespond(undefined);
});

const client = (token = 'right-token', timeoutMs = 2_000, baseUrl = stub.url) =>
  new MessagingClient({ baseUrl, token: staticToken(token), timeoutMs });

describe('MessagingClient', () => {
  it('sends the producer messageId as the idempotency key, with the bearer token', async () => {
    const body = message('u1');
    await expect(client().send(body)).resolves.toEqual({ status: 201 });
    expect(stub.deliveries).toEqual([
      expect.objectContaining({ idempotencyKey: body.messageId, userId: 'u1' }),
    ]);
    expect(stub.lastAuthorization).toBe('Bearer right-token');
  });

  it('classifies 5xx as retryable, 4xx as final and 429 as throttled', async () => {
    stub.setRespond(() => 502);
    await expect(client().send(message('u1'))).rejects.toBeInstanceOf(
      ApiUnavailableError,
    );
    stub.setRespond(() => 400);
    await expect(client().send(message('u1'))).rejects.toBeInstanceOf(
      MessageRejectedError,
    );
    stub.setRespond(() => 429);
    await expect(client().send(message('u1'))).rejects.toBeInstanceOf(
      ApiThrottledError,
    );
  });

  it('treats refused credentials as retryable, not as a bad message', async () => {
    await expect(client('wrong').send(message('u1'))).rejects.toMatchObject({
      name: 'ApiUnavailableError',
      status: 401,
    });
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    const { lagMs } = await withEventLoopLag(() =>
      expect(
        client('t', 100, slowStub.url).send(message('u1')),
      ).rejects.toThrow('messaging API did not answer within 100 ms'),
    );
    expect(Date.now() - started).toBeLessThan(450 + lagMs);
  });

  it('reads the token from Secrets Manager and re-reads it after a rotation', async () => {
    const { secretsManager } = awsClients(moto.endpoint);
    await secretsManager.send(
      new CreateSecretCommand({
        Name: 'messaging-api',
        SecretString: '{"token":"old-token"}',
      }),
    );
    const token = secretsManagerToken({
      client: secretsManager,
      secretId: 'messaging-api',
    });
    const rotating = new MessagingClient({
      baseUrl: stub.url,
      token,
      timeoutMs: 2_000,
    });
    await expect(rotating.send(message('u1'))).rejects.toMatchObject({
      status: 401,
    });

    await secretsManager.send(
      new UpdateSecretCommand({
        SecretId: 'messaging-api',
        SecretString: '{"token":"right-token"}',
      }),
    );
    await expect(rotating.send(message('u2'))).resolves.toEqual({
      status: 201,
    });
  });
});
