import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One AWS request as it went over the wire. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The SigV4 signing service (Credential=KEY/date/region/SERVICE/aws4_request). */
  service: string;
  /** The access key id the request was signed with. */
  accessKeyId: string;
  /** The query protocol's form fields (STS, SQS query...), decoded. */
  form: URLSearchParams;
  /** The raw response body, to read what AWS answered (e.g. AssumeRole's keys). */
  responseBody: string;
}

export interface RecordingProxy {
  /** The endpoint to give the AWS clients instead of the emulator's. */
  readonly endpoint: string;
  readonly requests: readonly RecordedRequest[];
  /** The STS AssumeRole requests so far. */
  assumeRoles(): RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * A plain HTTP proxy in front of moto_server that records each AWS request's body
 * and answer. The emulator accepts AssumeRole's SourceIdentity and session tags but
 * does not echo them back, so what the SDK sent is read on the wire instead.
 */
export async function startRecordingProxy(
  target: string,
): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    const body = Buffer.concat(await collect(req));
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      async reply => {
        const answer = Buffer.concat(await collect(reply));
        if (!req.url?.startsWith('/moto-api')) {
          const credential = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\//.exec(
            req.headers.authorization ?? '',
          );
          requests.push({
            method: req.method ?? '',
            path: req.url ?? '',
            accessKeyId: credential?.[1] ?? '',
            service: credential?.[2] ?? '',
            form: new URLSearchParams(
              String(req.headers['content-type']).includes('form-urlencoded')
                ? body.toString('utf8')
                : '',
            ),
            responseBody: answer.toString('utf8'),
          });
        }
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        res.end(answer);
      },
    );
    forward.on('error', err => {
      res.writeHead(502);
      res.end(String(err));
    });
    forward.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    assumeRoles: () =>
      requests.filter(
        r => r.service === 'sts' && r.form.get('Action') === 'AssumeRole',
      ),
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return chunks;
}

/** The session tags of an AssumeRole form (Tags.member.N.Key / .Value). */
export function sessionTagsIn(form: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let n = 1; form.has(`Tags.member.${n}.Key`); n++) {
    tags[form.get(`Tags.member.${n}.Key`)!] =
      form.get(`Tags.member.${n}.Value`) ?? '';
  }
  return tags;
}
