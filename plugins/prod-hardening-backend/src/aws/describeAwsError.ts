import { answeredWithErrorPage } from './isApiUnavailable';

/**
 * Turns an AWS SDK or network failure into one sentence a person can act on. Used
 * wherever a source is shown as unavailable, so reasons read the same everywhere.
 */
export function describeAwsError(error: unknown, endpoint?: string): string {
  const err = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    cause?: unknown;
  };
  // Network errors may arrive wrapped ("AWS SDK error wrapper for Error: connect
  // ECONNREFUSED ..."), so the code is also looked for in the message.
  const code =
    err?.code ??
    (err?.cause as { code?: string } | undefined)?.code ??
    /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET)\b/.exec(
      err?.message ?? '',
    )?.[1];
  const where = endpoint ? ` ${endpoint}` : ' AWS';
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot connect to${where} (connection refused)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host of${where}`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `connection to${where} timed out or was reset`;
    default:
      break;
  }
  switch (err?.name) {
    case 'TimeoutError':
    case 'AbortError':
      return `no answer from${where} in time`;
    case 'CredentialsProviderError':
      return 'no AWS credentials found (set a role or the standard AWS environment variables)';
    case 'AccessDenied':
    case 'AccessDeniedException':
    case 'UnauthorizedOperation':
      return `access denied: ${
        err.message ?? 'the role lacks this permission'
      }`;
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return 'the AWS credentials have expired';
    case 'ThrottlingException':
    case 'Throttling':
    case 'TooManyRequestsException':
      return 'AWS is throttling requests; retry shortly';
    default:
      break;
  }
  const status = err?.$metadata?.httpStatusCode;
  if (status === 404 || status === 501) {
    return `the API is not available on this endpoint (HTTP ${status})`;
  }
  // An endpoint without the operation may answer with an HTML error page, which the SDK
  // reports as a deserialization error: say what it means instead.
  if (answeredWithErrorPage(err)) {
    return `the API is not available on this endpoint (it answered with an error page${
      status ? `, HTTP ${status}` : ''
    })`;
  }
  const message = err?.message ?? String(error);
  return status ? `${message} (HTTP ${status})` : message;
}
