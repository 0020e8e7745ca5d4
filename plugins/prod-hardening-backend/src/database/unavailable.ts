import { ServiceUnavailableError } from '@backstage/errors';

/**
 * The 503 for a database error, naming the store (e.g. "the FinOps store"). Knex
 * prefixes the driver's message with the SQL and its bound values (reasons, user
 * refs), so only the driver's part is kept, with anything that looks like a
 * connection URL's credentials removed.
 */
export function databaseUnavailable(
  store: string,
  err: unknown,
): ServiceUnavailableError {
  const raw = err instanceof Error ? err.message : String(err);
  const driverPart = raw.includes(' - ')
    ? raw.slice(raw.lastIndexOf(' - ') + 3)
    : raw;
  const cleaned = driverPart
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//***@')
    .slice(0, 200);
  return new ServiceUnavailableError(
    `The ${store} is unavailable: ${cleaned}. Try again later.`,
  );
}

/** Runs a query; any database error becomes the store's 503. */
export async function guardQuery<T>(
  store: string,
  query: PromiseLike<T>,
): Promise<T> {
  try {
    return await query;
  } catch (err) {
    throw databaseUnavailable(store, err);
  }
}
