/**
 * @jest-environment node
 */
// Node's own fetch, Request and http server: the client talks real HTTP to a local
// server that answers the way the backend does (jsdom has neither fetch nor a server).
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import { MockFetchApi } from '@backstage/test-utils';
import { ProdHardeningClient } from './ProdHardeningClient';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

type Answer = {
  status: number;
  body: string;
  headers?: Record<string, string>;
};

const json = (status: number, body: unknown): Answer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

describe('ProdHardeningClient', () => {
  let server: Server;
  let seen: Seen[];
  let answer: Answer;
  let client: ProdHardeningClient;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        seen.push({
          method: req.method!,
          url: req.url!,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body,
        });
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body);
      });
    });
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}/api/prod-hardening`;
    const discoveryApi = { getBaseUrl: async () => baseUrl };
    client = new ProdHardeningClient({
      discoveryApi,
      // the app's chain: plugin:// resolution, then the user's token; each step
      // builds a Request from what it is given, as the app's fetchApi does
      fetchApi: new MockFetchApi({
        baseImplementation: (input, init) => fetch(input as any, init as any),
        resolvePluginProtocol: { discoveryApi },
        injectIdentityAuth: { token: 'user-token' },
      }),
    });
  });

  afterAll(() => new Promise(done => server.close(done)));

  beforeEach(() => {
    seen = [];
  });

  it('sends the signed-in user token and one encoded path segment for an ARN', async () => {
    const id =
      'arn:aws:securityhub:eu-west-1:123456789012:subscription/aws-foundational/v/1.0.0/S3.8/finding/abc';
    answer = json(200, { finding: { id } });

    const detail = await client.getFinding(id);

    expect(detail.finding.id).toBe(id);
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: `/api/prod-hardening/findings/${encodeURIComponent(id)}`,
        authorization: 'Bearer user-token',
      }),
    ]);
  });

  it("turns an error answer into a ResponseError carrying the backend's message", async () => {
    answer = json(409, {
      error: {
        name: 'ConflictError',
        message: 'The plan was already executed',
      },
      response: { statusCode: 409 },
    });

    const failure = await client
      .executeRemediation('plan-1', 'rotate')
      .catch(e => e);

    expect(failure).toBeInstanceOf(ResponseError);
    expect(failure.statusCode).toBe(409);
    expect(failure.cause.message).toBe('The plan was already executed');
    expect(JSON.parse(seen[0].body)).toEqual({
      planId: 'plan-1',
      reason: 'rotate',
    });
    expect(seen[0].contentType).toMatch(/^application\/json/);
  });

  it('sends only the findings parameters that are set', async () => {
    answer = json(200, { items: [], total: 0, bySeverity: {} });

    await client.getFindings({
      severity: ['CRITICAL', 'HIGH'],
      product: [],
      search: '',
      page: 2,
    });

    const url = new URL(seen[0].url, 'http://x');
    expect(url.pathname).toBe('/api/prod-hardening/findings');
    expect([...url.searchParams]).toEqual([
      ['severity', 'CRITICAL,HIGH'],
      ['page', '2'],
    ]);
  });

  it('asks for the posture trend of a number of days and returns its points', async () => {
    answer = json(200, { points: [{ day: '2026-12-01', failed: 3 }] });

    const points = await client.getPostureTrend(30);

    expect(seen[0].url).toBe('/api/prod-hardening/posture/trend?days=30');
    expect(points).toEqual([{ day: '2026-12-01', failed: 3 }]);
  });

  it('returns the detailed health report, and refuses the anonymous summary', async () => {
    const source = { id: 'aws', label: 'AWS', state: 'up', latencyMs: 12 };
    answer = json(200, { status: 'ok', checkedAt: 'now', sources: [source] });
    await expect(client.getHealth()).resolves.toMatchObject({
      sources: [source],
    });

    answer = json(200, {
      status: 'ok',
      checkedAt: 'now',
      sources: [{ id: 'aws', state: 'up' }],
    });
    await expect(client.getHealth()).rejects.toThrow(/not signed in/);
  });

  it('revokes an exemption with a bodiless POST on its encoded id', async () => {
    answer = json(200, { id: 'ex/1', status: 'revoked' });

    await client.revokeExemption('ex/1');

    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/prod-hardening/exemptions/ex%2F1/revoke',
      body: '',
    });
  });

  it('downloads the weekly review under the name the backend gives it', async () => {
    answer = {
      status: 200,
      body: 'service,current\nEC2,12\n',
      headers: {
        'Content-Type': 'text/csv',
        'Content-Disposition': 'attachment; filename="finops-2026-W49.csv"',
      },
    };

    const file = await client.downloadWeeklyReview('csv');

    expect(seen[0].url).toBe(
      '/api/prod-hardening/finops/weekly-review?format=csv',
    );
    expect(file.filename).toBe('finops-2026-W49.csv');
    expect(await file.blob.text()).toBe('service,current\nEC2,12\n');
  });
});
