import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS, RateLimits } from '../src/contract';

/** One accepted message, as the messaging API saw it. */
export interface StubDelivery {
  idempotencyKey: string;
  userId: string;
  fanId: string;
  arrivedAt: number;
}

/** A request the stub refused with 429 because it broke the real limit. */
export interface StubViolation {
  idempotencyKey: string;
  userId: string;
  arrivedAt: number;
  rule: 'window' | 'bucket';
  detail: string;
}

export interface StubRequest {
  idempotencyKey: string;
  userId: string;
  fanId: string;
  /** How many times this idempotency key was received, this one included. */
  attempt: number;
}

export interface StubApiOptions {
  port?: number;
  /** The limits the real API enforces, per creator, on arrival times. */
  limits?: RateLimits;
  /**
   * Slack for the time between a send being decided and it arriving here:
   * two sends count as this much further apart than they arrived.
   */
  toleranceMs?: number;
  /** Expected bearer token; any token is accepted when unset. */
  token?: string;
  /** Returns a status to answer instead of accepting (fault injection). */
  respond?: (request: StubRequest) => number | undefined;
  /** Delay before answering, for timeout tests. */
  delayMs?: number;
}

export interface StubApi {
  readonly url: string;
  readonly port: number;
  /** Accepted messages, in arrival order (a repeated idempotency key is not added again). */
  readonly deliveries: readonly StubDelivery[];
  readonly violations: readonly StubViolation[];
  /** Requests per idempotency key, failures and repeats included. */
  readonly attempts: ReadonlyMap<string, number>;
  /** Requests that repeated an already accepted idempotency key (answered 200, not delivered again). */
  readonly duplicates: number;
  /** When each repeated request arrived. */
  readonly repeats: readonly { idempotencyKey: string; arrivedAt: number }[];
  /** Last Authorization header seen. */
  readonly lastAuthorization: string | undefined;
  setRespond(respond: StubApiOptions['respond']): void;
  reset(): void;
  close(): Promise<void>;
}

/** Arrivals older than this no longer matter for either rule. */
const HISTORY_MS = 10 * 60_000;

/**
 * A local stand-in for the messaging API: records every delivery with its
 * arrival time and idempotency key, de-duplicates by that key, and answers 429
 * (recording a violation) when a creator goes over the real limit: more than
 * `windowLimit` in any rolling `windowMs`, or more than the token bucket allows.
 *
 * `POST /v1/messages` sends; `GET /_stub/state` returns what was recorded;
 * `POST /_stub/reset` forgets it.
 */
export async function startStubApi(
  options: StubApiOptions = {},
): Promise<StubApi> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const tolerance = options.toleranceMs ?? 500;
  let respond = options.respond;
  let deliveries: StubDelivery[] = [];
  let violations: StubViolation[] = [];
  let attempts = new Map<string, number>();
  let accepted = new Set<string>();
  let byCreator = new Map<string, number[]>();
  let duplicates = 0;
  let repeats: { idempotencyKey: string; arrivedAt: number }[] = [];
  let lastAuthorization: string | undefined;

  function check(
    userId: string,
    now: number,
  ):
    | (Omit<StubViolation, 'idempotencyKey' | 'userId' | 'arrivedAt'> & {
        retryAfterMs: number;
      })
    | undefined {
    const history = (byCreator.get(userId) ?? []).filter(
      t => t > now - HISTORY_MS,
    );
    byCreator.set(userId, history);
    const inWindow = history.filter(
      t => t > now - (limits.windowMs - tolerance),
    ).length;
    if (inWindow + 1 > limits.windowLimit) {
      return {
        rule: 'window',
        detail: `${inWindow + 1} sends within ${
          limits.windowMs - tolerance
        } ms`,
        retryAfterMs: limits.refillIntervalMs,
      };
    }
    for (let i = 0; i < history.length; i++) {
      const count = history.length - i + 1;
      const span = now - history[i] + tolerance;
      const allowed =
        limits.capacity + Math.floor(span / limits.refillIntervalMs);
      if (count > allowed) {
        return {
          rule: 'bucket',
          detail: `${count} sends within ${
            now - history[i]
          } ms, bucket allows ${allowed}`,
          retryAfterMs: limits.refillIntervalMs,
        };
      }
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const reply = (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/_stub/state') {
      return reply(200, {
        deliveries,
        violations,
        duplicates,
        attempts: Object.fromEntries(attempts),
      });
    }
    if (req.method === 'POST' && req.url === '/_stub/reset') {
      api.reset();
      return reply(204, {});
    }
    if (req.method !== 'POST' || req.url !== '/v1/messages') {
      return reply(404, { error: 'not found' });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const arrivedAt = Date.now();
    if (options.delayMs) await new Promise(r => setTimeout(r, options.delayMs));

    lastAuthorization = req.headers.authorization;
    if (
      options.token &&
      req.headers.authorization !== `Bearer ${options.token}`
    ) {
      return reply(401, { error: 'bad token' });
    }
    let body: { userId?: unknown; fanId?: unknown; text?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }
    const idempotencyKey = req.headers['idempotency-key'];
    if (typeof idempotencyKey !== 'string' || !idempotencyKey) {
      return reply(400, { error: 'Idempotency-Key header required' });
    }
    if (
      typeof body.userId !== 'string' ||
      typeof body.fanId !== 'string' ||
      typeof body.text !== 'string'
    ) {
      return reply(400, { error: 'userId, fanId and text are required' });
    }
    const attempt = (attempts.get(idempotencyKey) ?? 0) + 1;
    attempts.set(idempotencyKey, attempt);
    const injected = respond?.({
      idempotencyKey,
      userId: body.userId,
      fanId: body.fanId,
      attempt,
    });
    if (injected !== undefined)
      return reply(injected, { error: `injected ${injected}` });

    if (accepted.has(idempotencyKey)) {
      duplicates += 1;
      repeats.push({ idempotencyKey, arrivedAt });
      return reply(200, { id: idempotencyKey, duplicate: true });
    }
    const violation = check(body.userId, arrivedAt);
    if (violation) {
      const { retryAfterMs, ...rest } = violation;
      violations.push({
        idempotencyKey,
        userId: body.userId,
        arrivedAt,
        ...rest,
      });
      return reply(
        429,
        { error: 'rate limit exceeded' },
        {
          'retry-after': String(Math.ceil(retryAfterMs / 1000)),
        },
      );
    }
    accepted.add(idempotencyKey);
    byCreator.get(body.userId)!.push(arrivedAt);
    deliveries.push({
      idempotencyKey,
      userId: body.userId,
      fanId: body.fanId,
      arrivedAt,
    });
    return reply(201, { id: idempotencyKey });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(error => {
      res.writeHead(500).end(String(error));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const api: StubApi = {
    url: `http://127.0.0.1:${port}`,
    port,
    get deliveries() {
      return deliveries;
    },
    get violations() {
      return violations;
    },
    get attempts() {
      return attempts;
    },
    get duplicates() {
      return duplicates;
    },
    get repeats() {
      return repeats;
    },
    get lastAuthorization() {
      return lastAuthorization;
    },
    setRespond(next) {
      respond = next;
    },
    reset() {
      deliveries = [];
      violations = [];
      attempts = new Map();
      accepted = new Set();
      byCreator = new Map();
      duplicates = 0;
      repeats = [];
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
