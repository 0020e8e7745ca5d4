/**
 * True for a unique or primary-key violation: the only database error that means
 * "this row exists already" (a lock taken, a notice sent). SQLite (better-sqlite3 and sqlite3), PostgreSQL and MySQL.
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
