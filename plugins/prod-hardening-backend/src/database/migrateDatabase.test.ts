import { startPostgres, PostgresServer } from '@prod-hardening/dev-stack';
import knexFactory, { Knex } from 'knex';
import { migratedSqlite } from '../testUtils/database';
import { MIGRATIONS_TABLE, migrateDatabase } from './migrateDatabase';

jest.setTimeout(60_000);

const TABLES = [
  'prod_hardening_remediation_plans',
  'prod_hardening_remediation_history',
  'prod_hardening_remediation_locks',
  'prod_hardening_posture_snapshots',
  'prod_hardening_finops_service_costs',
  'prod_hardening_finops_state',
  'prod_hardening_finops_ce_requests',
  'prod_hardening_anomaly_feedback',
];

async function missingTables(db: Knex): Promise<string[]> {
  const missing: string[] = [];
  for (const table of TABLES) {
    if (!(await db.schema.hasTable(table))) missing.push(table);
  }
  return missing;
}

describe('migrateDatabase', () => {
  it('creates every table on SQLite and does nothing the second time', async () => {
    const db = await migratedSqlite();
    try {
      expect(await missingTables(db)).toEqual([]);
      await migrateDatabase(db);
      const applied = await db(MIGRATIONS_TABLE).pluck('name');
      expect(new Set(applied).size).toBe(applied.length);
    } finally {
      await db.destroy();
    }
  });

  describe('on PostgreSQL', () => {
    let server: PostgresServer;
    const clients: Knex[] = [];
    const connect = () => {
      const db = knexFactory({ client: 'pg', connection: server.connection });
      clients.push(db);
      return db;
    };

    beforeAll(async () => {
      server = await startPostgres();
    });

    afterAll(async () => {
      await Promise.all(clients.map(c => c.destroy()));
      await server?.stop();
    });

    it('lets three replicas booting together all start, each migration applied once', async () => {
      const replicas = [connect(), connect(), connect()];
      await Promise.all(replicas.map(db => migrateDatabase(db)));

      expect(await missingTables(replicas[0])).toEqual([]);
      const applied = await replicas[1](MIGRATIONS_TABLE).pluck('name');
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied).size).toBe(applied.length);
    });
  });
});
