import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** The knex migrations shipped with the package (its "files" include the folder). */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@prod-hardening/plugin-prod-hardening-backend',
  'migrations',
);

/** The plugin's own bookkeeping table, so it never meets another plugin's in a shared schema. */
export const MIGRATIONS_TABLE = 'prod_hardening_knex_migrations';

/**
 * A PostgreSQL advisory lock key of this plugin's migrations ("phmg"). Advisory locks
 * are per database, and with `pluginDivisionMode: schema` plugins share one.
 */
const POSTGRES_MIGRATION_LOCK = 0x70686d67;

/**
 * Brings the plugin's tables to the latest schema.
 *
 * knex's own migration lock keeps two replicas from running the same migration, but
 * the one that finds it taken fails instead of waiting (and both may race to create
 * the bookkeeping tables). On PostgreSQL the replicas therefore queue on an advisory
 * lock held by a transaction: the second waits, then finds nothing left to do.
 */
export async function migrateDatabase(db: Knex): Promise<void> {
  const latest = () =>
    db.migrate.latest({
      directory: MIGRATIONS_DIRECTORY,
      tableName: MIGRATIONS_TABLE,
    });
  if (!isPostgres(db)) {
    await latest();
    return;
  }
  // The lock lives as long as this transaction; the migrations run on other pooled
  // connections meanwhile, and the lock is released by the commit (or a crash).
  await db.transaction(async tx => {
    await tx.raw('select pg_advisory_xact_lock(?::bigint)', [
      POSTGRES_MIGRATION_LOCK,
    ]);
    await latest();
  });
}

export function isPostgres(db: Knex): boolean {
  return (db.client as { dialect?: string }).dialect === 'postgresql';
}
