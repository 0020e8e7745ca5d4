import { ResponseError } from '@backstage/errors';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notServedByBackend, toServiceError, unreachable } from './errors';

/** A failed answer in the shape Backstage's error handler writes. */
async function failed(status: number, statusText: string, name: string) {
  const body = {
    error: { name, message: `the backend says ${status}` },
    request: { method: 'GET', url: '/api/prod-hardening/posture' },
    response: { statusCode: status },
  };
  return ResponseError.fromResponse(
    new Response(JSON.stringify(body), {
      status,
      statusText,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

describe('toServiceError', () => {
  it.each([
    [400, 'Bad Request', 'InputError'],
    [401, 'Unauthorized', 'AuthenticationError'],
    [403, 'Forbidden', 'NotAllowedError'],
    [404, 'Not Found', 'NotFoundError'],
    [409, 'Conflict', 'ConflictError'],
    [503, 'Service Unavailable', 'ServiceUnavailableError'],
  ])(
    '%i becomes a %s with the backend message, the response as its cause',
    async (status, statusText, name) => {
      const response = await failed(status, statusText, name);
      const error = toServiceError(response);
      expect(error.name).toBe(name);
      expect(error.message).toBe(`the backend says ${status}`);
      expect(error.cause).toBeInstanceOf(ResponseError);
      expect((error.cause as ResponseError).statusCode).toBe(status);
    },
  );

  it('keeps the status and the backend message for a status no class stands for', async () => {
    const error = toServiceError(
      await failed(500, 'Internal Server Error', 'Error'),
    );
    expect(error.message).toMatch(
      /^The prod-hardening backend answered 500 Internal Server Error: the backend says 500/,
    );
    expect((error.cause as ResponseError).statusCode).toBe(500);
  });
});

describe('notServedByBackend', () => {
  const url = 'http://backstage.internal:7007/api/prod-hardening/posture';
  const bare = (status: number, statusText: string, body = '') =>
    ResponseError.fromResponse(new Response(body, { status, statusText }));

  it('asks whether the plugin is installed when nothing serves its routes', async () => {
    const error = notServedByBackend(url, await bare(404, 'Not Found'));
    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe(
      `Nothing answers ${url}: is the prod-hardening backend plugin installed, and does discovery point at it?`,
    );
    expect((error.cause as ResponseError).statusCode).toBe(404);
  });

  it("names a proxy's answer as such", async () => {
    const error = notServedByBackend(
      url,
      await bare(502, 'Bad Gateway', '<html>bad gateway</html>'),
    );
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toBe(
      `${url} answered 502 Bad Gateway without an error from the prod-hardening backend.`,
    );
  });
});

describe('unreachable', () => {
  it("names the URL and the connection's failure, as a 503", async () => {
    const server = createServer();
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    // Closed again: the port is free, so a connection to it is refused.
    await new Promise(done => server.close(done));
    const url = `http://127.0.0.1:${port}/api/prod-hardening/posture`;
    const failure = await fetch(url).then(
      () => undefined,
      (e: unknown) => e,
    );
    const error = unreachable(url, failure);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toBe(
      `The prod-hardening backend could not be reached at ${url} (ECONNREFUSED).`,
    );
  });
});
