import {
  CreateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  MotoServer,
  RedisServer,
  startMoto,
  startRedis,
} from '@prod-hardening/dev-stack';
import { randomBytes } from 'node:crypto';
import { loadConfig, RateLimiterConfig } from '../config';
import { createDependencies, Dependencies } from '../dependencies';
import { awsClients, silentLogger } from '../../testUtils/localStack';

jest.setTimeout(60_000);

const SECRET_ID = 'huntaze/redis/auth-token';
const T0 = Date.parse('2026-12-01T00:00:00Z');

describe('the Redis AUTH token from Secrets Manager (moto + redis-server --requirepass)', () => {
  const authToken = randomBytes(24).toString('hex');
  let moto: MotoServer;
  let redis: RedisServer;
  let secretsManager: SecretsManagerClient;
  let deps: Dependencies | undefined;

  const env = (extra: Record<string, string>) => ({
    // The token comes from the secret, so the URL carries none.
    REDIS_URL: `redis://127.0.0.1:${redis.port}`,
    QUEUE_URL: 'http://127.0.0.1:1/queue/q',
    DLQ_URL: 'http://127.0.0.1:1/queue/dlq',
    AWS_ENDPOINT_URL: moto.endpoint,
    MESSAGING_API_BASE_URL: 'http://127.0.0.1:1',
    MESSAGING_API_TOKEN: 'local-token',
    ...extra,
  });
  const start = (config: RateLimiterConfig) =>
    createDependencies(config, { logger: silentLogger(), secretsManager });

  beforeAll(async () => {
    [moto, redis] = await Promise.all([
      startMoto(),
      startRedis({ password: authToken }),
    ]);
    secretsManager = awsClients(moto.endpoint).secretsManager;
    await secretsManager.send(
      new CreateSecretCommand({ Name: SECRET_ID, SecretString: authToken }),
    );
  });

  afterEach(async () => {
    await deps?.close();
    deps = undefined;
  });

  afterAll(async () => {
    await Promise.all([moto?.stop(), redis?.stop()]);
  });

  it('authenticates with the token read at cold start; the environment holds only the secret id', async () => {
    const variables = env({ REDIS_AUTH_TOKEN_SECRET_ID: SECRET_ID });
    expect(JSON.stringify(variables)).not.toContain(authToken);
    deps = await start(loadConfig(variables));

    await expect(deps.limiter.consume('creator-1', T0)).resolves.toMatchObject({
      allowed: true,
      source: 'redis',
    });
    expect(await deps.redis.ping()).toBe('PONG');
  });

  it('without the token, Redis refuses the Lambda (the server really requires AUTH)', async () => {
    deps = await start(loadConfig(env({})));
    await expect(deps.redis.ping()).rejects.toThrow(/NOAUTH/);
  });

  it('fails the cold start naming the secret, not a token, when the secret cannot be read', async () => {
    await expect(
      start(loadConfig(env({ REDIS_AUTH_TOKEN_SECRET_ID: 'huntaze/missing' }))),
    ).rejects.toThrow(
      /could not read the Redis AUTH token from Secrets Manager \(huntaze\/missing\)/,
    );
  });

  it('refuses a password in REDIS_URL next to the secret id', () => {
    expect(() =>
      loadConfig(
        env({
          REDIS_URL: 'rediss://:plaintext@redis.example:6379',
          REDIS_AUTH_TOKEN_SECRET_ID: SECRET_ID,
        }),
      ),
    ).toThrow(
      'REDIS_URL: REDIS_URL must not hold a password when REDIS_AUTH_TOKEN_SECRET_ID is set',
    );
  });
});
