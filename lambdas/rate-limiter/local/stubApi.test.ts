import { startStubApi, StubApi } from './stubApi';

let stub: StubApi;

beforeAll(async () => {
  stub = await startStubApi({ token: 'secret', toleranceMs: 0 });
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

function send(userId: string, key: string, token = 'secret') {
  return fetch(`${stub.url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
    },
    body: JSON.stringify({ userId, fanId: 'f', text: 'hi' }),
  });
}

describe('stub messaging API', () => {
  it('records deliveries with arrival time and idempotency key', async () => {
    const before = Date.now();
    expect((await send('u1', 'k1')).status).toBe(201);
    expect(stub.deliveries).toEqual([
      {
        idempotencyKey: 'k1',
        userId: 'u1',
        fanId: 'f',
        arrivedAt: expect.any(Number),
      },
    ]);
    expect(stub.deliveries[0].arrivedAt).toBeGreaterThanOrEqual(before);
  });

  it('answers 429 and records a violation when a creator exceeds the burst', async () => {
    const statuses = [];
    for (const key of ['k1', 'k2', 'k3', 'k4'])
      statuses.push((await send('u1', key)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(stub.violations).toEqual([
      expect.objectContaining({
        idempotencyKey: 'k4',
        userId: 'u1',
        rule: 'bucket',
      }),
    ]);
    expect((await send('u2', 'k5')).status).toBe(201);
  });

  it('does not deliver a repeated idempotency key twice', async () => {
    await send('u1', 'k1');
    const repeat = await send('u1', 'k1');
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ id: 'k1', duplicate: true });
    expect(stub.deliveries).toHaveLength(1);
    expect(stub.duplicates).toBe(1);
    expect(stub.attempts.get('k1')).toBe(2);
  });

  it('refuses a wrong token and a missing idempotency key', async () => {
    expect((await send('u1', 'k1', 'wrong')).status).toBe(401);
    const noKey = await fetch(`${stub.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret' },
      body: JSON.stringify({ userId: 'u1', fanId: 'f', text: 'hi' }),
    });
    expect(noKey.status).toBe(400);
  });

  it('exposes its state over HTTP', async () => {
    await send('u1', 'k1');
    const state = await (await fetch(`${stub.url}/_stub/state`)).json();
    expect(state).toMatchObject({
      deliveries: [{ idempotencyKey: 'k1' }],
      violations: [],
    });
  });
});
