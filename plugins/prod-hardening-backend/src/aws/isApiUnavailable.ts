/** Error names SDKs and AWS-compatible endpoints use for an operation they do not offer. */
const UNSUPPORTED_NAMES = new Set([
  'UnsupportedOperation',
  'UnsupportedOperationException',
  'UnknownOperationException',
  'InvalidAction',
  'NotImplemented',
  'NotImplementedException',
]);

/**
 * True when the endpoint answered with an HTML error page where the API's answer should
 * be; the SDK reports that as a deserialization error.
 */
export function answeredWithErrorPage(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return (
    typeof message === 'string' &&
    /Deserialization error|Unexpected token '<'/.test(message)
  );
}

/**
 * True when an error says the endpoint does not offer the operation at all (as
 * opposed to refusing this request): an "unsupported/unknown operation" error, HTTP
 * 404/501, or an HTML error page where the API's answer should be (the SDK reports
 * that as a deserialization error). Callers may then use another way to do the job.
 */
export function isApiUnavailable(error: unknown): boolean {
  const err = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  if (!err || typeof err !== 'object') return false;
  if (err.name && UNSUPPORTED_NAMES.has(err.name)) return true;
  const status = err.$metadata?.httpStatusCode;
  if (status === 404 || status === 501) return true;
  return answeredWithErrorPage(err);
}
