import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { MotoServer, startMoto } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { CountingProxy, startCountingProxy } from '../testUtils/countingProxy';
import {
  ACCOUNT_ID,
  pluginConfig,
  UNREACHABLE,
  useEmulatorCredentials,
} from '../testUtils/localAccount';

jest.setTimeout(60_000);

const HEALTH = '/api/prod-hardening/health';

/** Everything an anonymous caller must not learn from /health. */
const PRIVATE_FACTS = [
  ACCOUNT_ID,
  'arn:',
  '127.0.0.1',
  'http://',
  'refused',
  'latencyMs',
  'reason',
  'details',
  'label',
];

describe('GET /health (real moto_server behind a counting proxy, Redis down)', () => {
  let moto: MotoServer;
  let proxy: CountingProxy;

  beforeAll(async () => {
    useEmulatorCredentials();
    moto = await startMoto();
  });

  beforeEach(async () => {
    proxy = await startCountingProxy(moto.endpoint);
  });

  afterEach(async () => {
    await proxy?.stop();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  /** A backend where a request without a token is anonymous, as in production. */
  const startBackend = (endpoint = proxy.endpoint) =>
    startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({ endpoint, redisUrl: UNREACHABLE }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

  it('tells an anonymous caller the status and up/down per source, nothing else', async () => {
    const { server } = await startBackend();

    const res = await request(server).get(HEALTH);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'degraded',
      checkedAt: expect.any(String),
      sources: [
        { id: 'aws', state: 'up' },
        { id: 'redis', state: 'down' },
      ],
    });
    for (const fact of PRIVATE_FACTS) expect(res.text).not.toContain(fact);
  });

  it('keeps the AWS error text and endpoint from an anonymous caller when AWS is down', async () => {
    const { server } = await startBackend('http://127.0.0.1:1');

    const res = await request(server).get(HEALTH);

    expect(res.body.sources).toEqual([
      { id: 'aws', state: 'down' },
      { id: 'redis', state: 'down' },
    ]);
    for (const fact of PRIVATE_FACTS) expect(res.text).not.toContain(fact);
  });

  it('gives a signed-in user the reasons, the account, the principal and the latency', async () => {
    const { server } = await startBackend();

    const res = await request(server)
      .get(HEALTH)
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    const [aws, redis] = res.body.sources;
    expect(aws).toMatchObject({
      id: 'aws',
      state: 'up',
      label: expect.stringContaining('AWS (us-east-1'),
      latencyMs: expect.any(Number),
      details: {
        account: ACCOUNT_ID,
        region: 'us-east-1',
        principal: expect.stringMatching(/^arn:aws:/),
      },
    });
    expect(redis).toMatchObject({
      id: 'redis',
      state: 'down',
      latencyMs: expect.any(Number),
      reason: expect.stringContaining('refused'),
    });
  });

  it('gives a service token and a token that does not verify the anonymous view, not an error', async () => {
    const { server } = await startBackend();

    const service = await request(server)
      .get(HEALTH)
      .set('Authorization', mockCredentials.service.header());
    const invalid = await request(server)
      .get(HEALTH)
      .set('Authorization', mockCredentials.user.invalidHeader());

    for (const res of [service, invalid]) {
      expect(res.status).toBe(200);
      expect(res.body.sources).toEqual([
        { id: 'aws', state: 'up' },
        { id: 'redis', state: 'down' },
      ]);
    }
  });

  it('calls STS once for 20 concurrent and 20 sequential requests within 30 s', async () => {
    const { server } = await startBackend();
    const stsCallsAtStart = proxy.countFor('sts');

    const concurrent = await Promise.all(
      Array.from({ length: 20 }, () => request(server).get(HEALTH)),
    );
    const sequential = [];
    for (let i = 0; i < 20; i++) {
      sequential.push(
        await request(server)
          .get(HEALTH)
          .set(
            'Authorization',
            i % 2
              ? mockCredentials.user.header()
              : mockCredentials.none.header(),
          ),
      );
    }

    expect(
      [...concurrent, ...sequential].every(res => res.status === 200),
    ).toBe(true);
    expect(proxy.countFor('sts') - stsCallsAtStart).toBe(1);
    // Every caller got the same probe.
    expect(
      new Set([...concurrent, ...sequential].map(res => res.body.checkedAt))
        .size,
    ).toBe(1);
  });
});
