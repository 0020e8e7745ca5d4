import {
  AuthenticationError,
  ConflictError,
  ForwardedError,
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';

type ErrorClass = new (message: string) => Error;

/**
 * The statuses the backend answers on purpose, as the @backstage/errors class a
 * Backstage router turns back into the same status: a caller that rethrows one from
 * its own route passes the backend's answer on unchanged.
 */
const BY_STATUS: Record<number, ErrorClass> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
  501: NotImplementedError,
  503: ServiceUnavailableError,
};

/**
 * A failed answer of the prod-hardening backend as an error carrying the backend's
 * own message; the ResponseError (status, parsed body) is its `cause`.
 */
export function toServiceError(response: ResponseError): Error {
  const message = response.cause.message;
  const ErrorType = BY_STATUS[response.statusCode];
  if (ErrorType) {
    // The cause is set after construction: given to the constructor, it would be
    // appended to the message ("; caused by ResponseError: Request failed …").
    return Object.assign(new ErrorType(message), { cause: response });
  }
  return new ForwardedError(
    `The prod-hardening backend answered ${response.statusCode} ${response.statusText}: ${message}`,
    response,
  );
}

/**
 * A failed answer that is not the backend's own error (no JSON error body): nothing
 * serves the plugin's routes there, or a proxy in between answered.
 */
export function notServedByBackend(
  url: string,
  response: ResponseError,
): Error {
  const error =
    response.statusCode === 404
      ? new NotFoundError(
          `Nothing answers ${url}: is the prod-hardening backend plugin installed, and does discovery point at it?`,
        )
      : new ServiceUnavailableError(
          `${url} answered ${response.statusCode} ${response.statusText} without an error from the prod-hardening backend.`,
        );
  return Object.assign(error, { cause: response });
}

/** The backend could not be reached at all (not running, wrong discovery URL). */
export function unreachable(url: string, error: unknown): Error {
  const reason = describeFetchFailure(error);
  return new ServiceUnavailableError(
    `The prod-hardening backend could not be reached at ${url} (${reason}).`,
    error instanceof Error ? error : undefined,
  );
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED …) is in its cause. */
function describeFetchFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    ?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
