import { readdirSync, readFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The recorded GetProducts answers (priceList/<ServiceCode>.json), one per service. */
const RECORDINGS = join(__dirname, 'priceList');

interface GetProductsRequest {
  /** The region the SDK signed for (from the Authorization header's scope). */
  signedFor?: string;
  ServiceCode?: string;
  Filters?: Array<{ Type: string; Field: string; Value: string }>;
  FormatVersion?: string;
  MaxResults?: number;
  NextToken?: string;
}

/** How the server answers: the recorded prices, access denied, or late. */
export type PriceListMode =
  | { kind: 'answer' }
  | { kind: 'denied' }
  | { kind: 'late'; delayMs: number };

export interface PriceListServer {
  endpoint: string;
  /** Every GetProducts request received, as sent. */
  requests: GetProductsRequest[];
  setMode(mode: PriceListMode): void;
  stop(): Promise<void>;
}

/** Each recorded product with the attributes a filter matches (productFamily included). */
function loadRecordings() {
  const byService = new Map<
    string,
    Array<{ entry: string; attributes: Record<string, string> }>
  >();
  for (const file of readdirSync(RECORDINGS)) {
    const answer = JSON.parse(readFileSync(join(RECORDINGS, file), 'utf8'));
    byService.set(
      file.replace(/\.json$/, ''),
      (answer.PriceList as string[]).map(entry => {
        const doc = JSON.parse(entry);
        return {
          entry,
          attributes: {
            ...doc.product.attributes,
            productFamily: doc.product.productFamily,
          },
        };
      }),
    );
  }
  return byService;
}

/**
 * A local AWS Price List Query API (the emulator has none) that speaks the service's
 * JSON 1.1 protocol to the real SDK over HTTP: GetProducts over recorded answers,
 * filtered by the request's TERM_MATCH filters and paged by MaxResults and NextToken,
 * the way the service does.
 */
export async function startPriceListServer(
  options: { pageSize?: number } = {},
): Promise<PriceListServer> {
  const recordings = loadRecordings();
  const requests: GetProductsRequest[] = [];
  let mode: PriceListMode = { kind: 'answer' };

  const send = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': `req-${requests.length}`,
    });
    res.end(JSON.stringify(body));
  };

  const answer = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    if (req.headers['x-amz-target'] !== 'AWSPriceListService.GetProducts') {
      send(res, 400, {
        __type: 'com.amazon.coral.service#UnknownOperationException',
        message: `Not recorded: ${req.headers['x-amz-target']}`,
      });
      return;
    }
    const body = JSON.parse(raw || '{}') as GetProductsRequest;
    const scope = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/pricing\//.exec(
      String(req.headers.authorization ?? ''),
    );
    requests.push({ signedFor: scope?.[1], ...body });
    if (mode.kind === 'denied') {
      send(res, 400, {
        __type: 'com.amazon.coral.service#AccessDeniedException',
        Message:
          'User: arn:aws:sts::123456789012:assumed-role/prod-hardening-portal-read/prod-hardening-read is not authorized to perform: pricing:GetProducts',
      });
      return;
    }
    const products = (recordings.get(body.ServiceCode ?? '') ?? []).filter(p =>
      (body.Filters ?? []).every(
        f => f.Type === 'TERM_MATCH' && p.attributes[f.Field] === f.Value,
      ),
    );
    const pageSize = Math.min(options.pageSize ?? 100, body.MaxResults ?? 100);
    const start = Number(body.NextToken ?? 0);
    const page = products.slice(start, start + pageSize);
    const next = start + pageSize;
    send(res, 200, {
      FormatVersion: 'aws_v1',
      PriceList: page.map(p => p.entry),
      ...(next < products.length ? { NextToken: String(next) } : {}),
    });
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', () => {
      const current = mode;
      if (current.kind === 'late') {
        setTimeout(() => answer(req, res, raw), current.delayMs).unref();
      } else {
        answer(req, res, raw);
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    setMode: next => {
      mode = next;
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
