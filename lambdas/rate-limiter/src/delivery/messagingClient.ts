import type { RateLimiterEvent } from '../schemas';
import {
  ApiThrottledError,
  ApiUnavailableError,
  MessageRejectedError,
} from './errors';
import type { TokenProvider } from './token';

export interface MessagingClientOptions {
  /** e.g. `https://api.example.com`; messages are POSTed to `<baseUrl>/v1/messages`. */
  baseUrl: string;
  token: TokenProvider;
  /** Per request, connect to last byte. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface DeliveryReceipt {
  status: number;
}

/**
 * Sends one message to the messaging API. The producer's `messageId` goes out
 * as the `Idempotency-Key` header so the API can drop a repeat. Failures are
 * classified: {@link MessageRejectedError} (4xx, final),
 * {@link ApiThrottledError} (429, wait) and {@link ApiUnavailableError}
 * (5xx, timeout, network, auth: retry).
 */
export class MessagingClient {
  private readonly url: string;
  private readonly options: MessagingClientOptions;
  private readonly fetch: typeof fetch;

  constructor(options: MessagingClientOptions) {
    this.options = options;
    this.url = new URL('/v1/messages', options.baseUrl).toString();
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async send(message: RateLimiterEvent): Promise<DeliveryReceipt> {
    const token = await this.options.token.getToken();
    let response: Response;
    try {
      response = await this.fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': message.messageId,
        },
        body: JSON.stringify({
          userId: message.userId,
          fanId: message.fanId,
          text: message.message,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut =
        (error as { name?: string } | undefined)?.name === 'TimeoutError';
      throw new ApiUnavailableError(
        timedOut
          ? `messaging API did not answer within ${this.options.timeoutMs} ms`
          : `messaging API unreachable: ${
              error instanceof Error ? error.message : error
            }`,
        undefined,
        { cause: error },
      );
    }
    // the body is not needed; read it so the connection can be reused
    const detail = await response.text().catch(() => '');
    if (response.ok) return { status: response.status };
    if (response.status === 429) {
      throw new ApiThrottledError(
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    if (response.status === 401 || response.status === 403) {
      // our credentials, not the message: re-read the token and let SQS retry
      this.options.token.invalidate();
      throw new ApiUnavailableError(
        `messaging API refused our credentials: HTTP ${response.status}`,
        response.status,
      );
    }
    if (response.status === 408 || response.status >= 500) {
      throw new ApiUnavailableError(
        `messaging API failed: HTTP ${response.status}`,
        response.status,
      );
    }
    throw new MessageRejectedError(response.status, summarize(detail));
  }
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0)
    return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A short, single-line reason from an error body (never the message text we sent). */
function summarize(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const reason = parsed.error ?? parsed.message;
    if (typeof reason === 'string') return reason.slice(0, 200);
  } catch {
    // not JSON
  }
  return body.replace(/\s+/g, ' ').slice(0, 200);
}
