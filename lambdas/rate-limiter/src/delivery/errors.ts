/** The messaging API refused the message for good (4xx): retrying cannot help. */
export class MessageRejectedError extends Error {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(
      `messaging API rejected the message: HTTP ${status}${
        detail ? ` ${detail}` : ''
      }`,
    );
    this.name = 'MessageRejectedError';
    this.status = status;
  }
}

/** The messaging API throttled us (429): wait and try again, not a failure. */
export class ApiThrottledError extends Error {
  /** From `Retry-After` when the API sent one. */
  readonly retryAfterMs?: number;
  constructor(retryAfterMs?: number) {
    super('messaging API answered 429 Too Many Requests');
    this.name = 'ApiThrottledError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** The messaging API failed or did not answer in time (5xx, timeout, network): retry. */
export class ApiUnavailableError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiUnavailableError';
    this.status = status;
  }
}
