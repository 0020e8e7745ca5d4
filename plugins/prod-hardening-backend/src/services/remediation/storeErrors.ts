import { ServiceUnavailableError } from '@backstage/errors';

/**
 * True for a unique or primary-key violation: the only database error that means
 * "this lock is taken". SQLite (better-sqlite3 and sqlite3), PostgreSQL and MySQL.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; errno?: unknown; message?: unknown };
  const code = String(e?.code ?? '');
  return (
    code === '23505' || // PostgreSQL unique_violation
    code === 'ER_DUP_ENTRY' || // MySQL
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    // sqlite3 reports SQLITE_CONSTRAINT for every constraint; the message says which.
    (code === 'SQLITE_CONSTRAINT' &&
      /UNIQUE constraint/.test(String(e.message)))
  );
}

/**
 * The 503 for any other database error. Knex prefixes the driver's message with the
 * SQL and its bound values (reasons, user refs), so only the driver's part is kept,
 * with anything that looks like a connection URL's credentials removed.
 */
export function storeUnavailable(err: unknown): ServiceUnavailableError {
  const raw = err instanceof Error ? err.message : String(err);
  const driverPart = raw.includes(' - ')
    ? raw.slice(raw.lastIndexOf(' - ') + 3)
    : raw;
  const cleaned = driverPart
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//***@')
    .slice(0, 200);
  return new ServiceUnavailableError(
    `The remediation store is unavailable: ${cleaned}. Try again later.`,
  );
}
