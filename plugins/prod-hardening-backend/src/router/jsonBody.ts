import { InputError } from '@backstage/errors';
import express, { ErrorRequestHandler, RequestHandler } from 'express';

/** No route takes more than a few fields; 100 kB is Express's default, kept explicit. */
export const JSON_BODY_LIMIT = '100kb';

/**
 * The body parser's "too large" answered as 413 with the same JSON error shape as
 * every other refusal. It is handled here because the OpenAPI validator turns any
 * error that reaches it into a 400.
 */
export const answerBodyTooLarge: ErrorRequestHandler = (
  err,
  req,
  res,
  next,
) => {
  if (err?.type !== 'entity.too.large') {
    next(err);
    return;
  }
  res.status(413).json({
    error: {
      name: 'PayloadTooLargeError',
      message: `The request body is larger than the ${JSON_BODY_LIMIT} limit.`,
    },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: 413 },
  });
};

/**
 * A body that is not JSON refused with a sentence that says so; the parser's own
 * text ("Unexpected token n …") does not. Still a 400 (InputError).
 */
export const explainInvalidJson: ErrorRequestHandler = (
  err,
  _req,
  _res,
  next,
) => {
  if (err?.type !== 'entity.parse.failed') {
    next(err);
    return;
  }
  next(
    new InputError(
      `The request body is not valid JSON (${err.message}); send a JSON object.`,
    ),
  );
};

/** The body middleware of the plugin's router: JSON within the limit, 413 beyond it. */
export const jsonBody = (): RequestHandler[] => [
  express.json({ limit: JSON_BODY_LIMIT }),
  // Express tells error handlers apart by their four parameters; the option's type
  // only names request handlers.
  answerBodyTooLarge as unknown as RequestHandler,
  explainInvalidJson as unknown as RequestHandler,
];
