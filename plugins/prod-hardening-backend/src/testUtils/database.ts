import knexFactory, { Knex } from 'knex';
import { migrateDatabase } from '../database';

/** A private in-memory SQLite database with the plugin's migrations applied. */
export async function migratedSqlite(): Promise<Knex> {
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await migrateDatabase(db);
  return db;
}
