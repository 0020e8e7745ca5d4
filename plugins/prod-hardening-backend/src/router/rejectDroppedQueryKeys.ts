import { InputError } from '@backstage/errors';
import type { NextFunction, Request, Response } from 'express';

/**
 * The query parser silently drops some keys (`__proto__`, an empty name), so neither
 * the OpenAPI validation nor zod ever sees them and the request would pass as if they
 * were not there. Refuse them like any other unknown parameter.
 */
export function rejectDroppedQueryKeys(
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  const search = req.originalUrl.split('?')[1] ?? '';
  const parsed = req.query as Record<string, unknown>;
  for (const key of new URLSearchParams(search).keys()) {
    const name = key.split('[')[0];
    if (!Object.prototype.hasOwnProperty.call(parsed, name)) {
      next(new InputError(`Unknown query parameter '${key}'`));
      return;
    }
  }
  next();
}
