import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalStack } from '@prod-hardening/dev-stack';

export interface StackControl {
  /** http://127.0.0.1:<port>, written to the portal state for the specs. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Lets specs change the stack without owning any part of it: a spec asks the global
 * setup's process, which started the stack, to stop or restart Redis. A restarted
 * Redis is then the stack's, so a test worker that ends (after a failure, Playwright
 * starts a new one) cannot take it down with it, and the teardown stops it.
 *
 *   POST /redis/stop    Redis goes away, as in an outage
 *   POST /redis/start   an empty Redis on the same port, if none runs
 */
export async function serveStackControl(
  stack: LocalStack,
): Promise<StackControl> {
  const actions: Record<string, () => Promise<void>> = {
    'POST /redis/stop': () => stack.stopRedis(),
    'POST /redis/start': () => stack.restartRedis(),
  };
  const server = createServer((req, res) => {
    const action = actions[`${req.method} ${req.url}`];
    if (!action) {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end(
          `unknown stack action ${req.method} ${req.url}; known: ${Object.keys(
            actions,
          ).join(', ')}`,
        );
      return;
    }
    action().then(
      () => res.writeHead(204).end(),
      (error: Error) =>
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
