import { InputError, isError } from '@backstage/errors';
import type { ErrorRequestHandler, Request } from 'express';
import type { OpenApiDocument } from './contractSchema';
import { parseValidationMessage } from './validationIssues';
import { describeRejection } from './validationMessage';

/** What express-openapi-validator leaves on a request it matched to an operation. */
interface OpenApiRequestMetadata {
  openApiRoute?: string;
  pathParams?: Record<string, string>;
}

function reworded(
  spec: OpenApiDocument,
  message: string,
  req: Request,
): InputError | undefined {
  const issues = parseValidationMessage(message);
  if (!issues) {
    return undefined;
  }
  const { openapi } = req as { openapi?: OpenApiRequestMetadata };
  try {
    const words = describeRejection(issues, {
      spec,
      route: openapi?.openApiRoute ?? '',
      method: req.method,
      parts: {
        body: req.body,
        query: req.query,
        params: openapi?.pathParams ?? req.params,
        headers: req.headers,
      },
    });
    return words ? new InputError(words) : undefined;
  } catch {
    // A request odd enough to trip the wording still gets its 400, in AJV's words.
    return undefined;
  }
}

/**
 * Rewords the contract validator's 400s: the field, and what it must be in words,
 * instead of AJV's "must match pattern ^\s*\S…". Mounted right after the validated
 * router's own middleware, so it sees only errors raised before any handler ran;
 * anything it cannot read (a handler's InputError never reaches it) passes
 * unchanged, still a 400.
 */
export function explainValidationErrors(
  spec: OpenApiDocument,
): ErrorRequestHandler {
  return (err, req, _res, next) => {
    if (!isError(err) || err.name !== 'InputError') {
      next(err);
      return;
    }
    next(reworded(spec, err.message, req) ?? err);
  };
}
