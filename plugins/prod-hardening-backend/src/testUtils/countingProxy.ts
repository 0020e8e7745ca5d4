import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  /** The endpoint to give the AWS clients instead of the emulator's. */
  readonly endpoint: string;
  /** AWS requests forwarded so far (the emulator's own /moto-api calls excluded). */
  readonly count: number;
  /** The forwarded requests as "METHOD path target", for failure messages. */
  readonly log: readonly string[];
  /**
   * Answers the AWS requests `rule` picks with an AWS error instead of forwarding
   * them (a fault the emulator cannot produce, e.g. throttling); undefined stops.
   */
  setFault(rule: FaultRule | undefined): void;
  /** Requests signed for one AWS service (the SigV4 scope, e.g. "sts"), so far. */
  countFor(service: string): number;
  stop(): Promise<void>;
}

/** Picks a request ("METHOD path target", and what was sent before) to fail. */
export type FaultRule = (
  request: string,
  log: readonly string[],
) => { status: number; code: string; message: string } | undefined;

/**
 * A plain HTTP proxy in front of moto_server that counts what the backend sends to
 * AWS, so a test can prove a request made no AWS call at all (nothing of the SDK is
 * mocked: the calls that do happen reach the real emulator). It can also answer
 * chosen requests with an AWS error (setFault).
 */
export async function startCountingProxy(
  target: string,
): Promise<CountingProxy> {
  const upstream = new URL(target);
  const log: string[] = [];
  let fault: FaultRule | undefined;
  const services: string[] = [];
  const server = http.createServer((req, res) => {
    if (!req.url?.startsWith('/moto-api')) {
      const line = `${req.method} ${req.url} ${
        req.headers['x-amz-target'] ?? ''
      }`.trim();
      const error = fault?.(line, log);
      services.push(signingService(req.headers.authorization));
      log.push(line);
      if (error) {
        // The JSON protocols read the code from this header (and __type for awsJson).
        req.resume();
        res.writeHead(error.status, {
          'content-type': 'application/json',
          'x-amzn-errortype': error.code,
        });
        res.end(JSON.stringify({ __type: error.code, message: error.message }));
        return;
      }
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      reply => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', err => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get count() {
      return log.length;
    },
    log,
    setFault: rule => {
      fault = rule;
    },
    countFor: service => services.filter(s => s === service).length,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The service of a SigV4 Authorization header: Credential=KEY/date/region/SERVICE/aws4_request. */
function signingService(authorization: string | undefined): string {
  return (
    /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
      authorization ?? '',
    )?.[1] ?? ''
  );
}
