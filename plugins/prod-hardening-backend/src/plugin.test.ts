import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  startMoto,
  startRedis,
  MotoServer,
  RedisServer,
} from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from './plugin';
import { pluginConfig, useEmulatorCredentials } from './testUtils/localAccount';

jest.setTimeout(60_000);

describe('prod-hardening backend plugin (real moto_server and redis-server)', () => {
  let moto: MotoServer;
  let redis: RedisServer;

  beforeAll(async () => {
    useEmulatorCredentials();
    [moto, redis] = await Promise.all([startMoto(), startRedis()]);
  });

  afterAll(async () => {
    await Promise.all([moto?.stop(), redis?.stop()]);
  });

  const startBackend = (redisUrl: string) =>
    startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: moto.endpoint, redisUrl }),
      ],
    });

  it('reports AWS (with the account) and Redis up to a signed-in user', async () => {
    const { server } = await startBackend(redis.url);
    // The Redis client connects in the background; its 'ready' makes /health probe
    // again instead of reusing a first probe taken while it was still connecting.
    let body: any;
    for (let i = 0; i < 50; i++) {
      const res = await request(server)
        .get('/api/prod-hardening/health')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      body = res.body;
      if (body.status === 'ok') break;
      await new Promise(r => setTimeout(r, 100));
    }
    expect(body.status).toBe('ok');
    const aws = body.sources.find((s: any) => s.id === 'aws');
    expect(aws).toMatchObject({
      state: 'up',
      details: { account: '123456789012', region: 'us-east-1' },
    });
    expect(body.sources.find((s: any) => s.id === 'redis')).toMatchObject({
      state: 'up',
    });
  });

  it('still answers 200 and names Redis as down with a reason when Redis is not running', async () => {
    const { server } = await startBackend('redis://127.0.0.1:1');
    await new Promise(r => setTimeout(r, 300));
    const res = await request(server).get('/api/prod-hardening/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.sources.find((s: any) => s.id === 'redis')).toMatchObject({
      state: 'down',
      reason: 'connection refused (is redis-server running?)',
    });
    expect(res.body.sources.find((s: any) => s.id === 'aws').state).toBe('up');
  });

  it('reports Redis down as soon as it stops, without waiting for the 30 s reuse window', async () => {
    const ownRedis = await startRedis();
    try {
      const { server } = await startBackend(ownRedis.url);
      const health = async () =>
        (await request(server).get('/api/prod-hardening/health')).body;
      for (let i = 0; i < 50 && (await health()).status !== 'ok'; i++) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect((await health()).status).toBe('ok');

      await ownRedis.stop();
      let body: any;
      for (let i = 0; i < 50; i++) {
        body = await health();
        if (body.status === 'degraded') break;
        await new Promise(r => setTimeout(r, 100));
      }
      expect(body.sources.find((s: any) => s.id === 'redis').state).toBe(
        'down',
      );
    } finally {
      await ownRedis.stop();
    }
  });

  it('names AWS as down with a reason when the endpoint does not answer', async () => {
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint: 'http://127.0.0.1:1', redisUrl: redis.url }),
      ],
    });
    const res = await request(server).get('/api/prod-hardening/health');
    expect(res.status).toBe(200);
    expect(res.body.sources.find((s: any) => s.id === 'aws')).toMatchObject({
      state: 'down',
      reason: 'cannot connect to http://127.0.0.1:1 (connection refused)',
    });
  });

  it('rejects an undeclared query parameter with a 400 that names it', async () => {
    const { server } = await startBackend(redis.url);
    const res = await request(server).get(
      '/api/prod-hardening/health?verbose=1',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: "Unknown query parameter 'verbose'",
    });
  });

  it('serves its OpenAPI document with every route', async () => {
    const { server } = await startBackend(redis.url);
    const res = await request(server).get('/api/prod-hardening/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain('/api/prod-hardening/health');
  });

  it('refuses to start with a clear message when the region is unknown', async () => {
    await expect(
      startTestBackend({
        features: [
          prodHardeningPlugin,
          mockServices.rootConfig.factory({
            data: {
              prodHardening: {
                aws: { accountId: '123456789012', region: 'eu-nowhere-1' },
                redis: { url: redis.url },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'prodHardening.aws.region is not a known AWS region: "eu-nowhere-1"',
    );
  });
});
