import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses a request part with zod; on failure throws an InputError (400) that names
 * the first offending field, so the caller can fix it without reading the schema.
 */
export function parseInput<T>(
  schema: z.ZodType<T, any, any>,
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || what;
    throw new InputError(`Invalid ${what}: ${field} ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Why the user makes a change, as stored with the attempt in the history: the
 * contract bounds it and refuses a blank one; surrounding blanks are not kept.
 */
export const storedReason = (reason: string | undefined) => reason?.trim();
