import { DatabaseManager } from '@backstage/backend-defaults/database';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startPostgres, PostgresServer } from '@prod-hardening/dev-stack';
import type { Knex } from 'knex';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../database';
import { RemediationStore } from '../services/remediation/RemediationStore';
import { runHistoryVerify } from './historyVerify';

jest.setTimeout(60_000);

/**
 * npm run history:verify against the plugin's database on a real PostgreSQL, found
 * through backend.database exactly as the backend finds it.
 */
describe('history:verify', () => {
  let server: PostgresServer;
  let dir: string;
  let configFile: string;
  let db: Knex;

  beforeAll(async () => {
    server = await startPostgres();
    dir = mkdtempSync(join(tmpdir(), 'history-verify-'));
    configFile = join(dir, 'app-config.yaml');
    // As in production: the password comes from the environment, not the file.
    process.env.PH_TEST_POSTGRES_PASSWORD = server.connection.password;
    const { host, port, user } = server.connection;
    writeFileSync(
      configFile,
      [
        'backend:',
        '  database:',
        '    client: pg',
        '    connection:',
        `      host: ${host}`,
        `      port: ${port}`,
        `      user: ${user}`,
        '      password: ${PH_TEST_POSTGRES_PASSWORD}',
        '',
      ].join('\n'),
    );
    const database = DatabaseManager.fromConfig(
      new ConfigReader({
        backend: {
          database: { client: 'pg', connection: { ...server.connection } },
        },
      }),
    ).forPlugin('prod-hardening', {
      logger: mockServices.logger.mock(),
      lifecycle: mockServices.lifecycle.mock(),
    });
    db = await database.getClient();
    await migrateDatabase(db);
    const store = new RemediationStore(db);
    for (const n of [1, 2, 3]) {
      await store.addHistory({
        id: `attempt-${n}`,
        checkId: 'sqs-encryption',
        resourceId: 'queue',
        actor: 'user:default/alice',
        outcome: 'succeeded',
        message: 'Applied and verified: the check passes.',
        calls: [],
        startedAt: `2026-12-01T10:00:0${n}.000Z`,
        durationMs: 10 * n,
      });
    }
  });

  afterAll(async () => {
    await db?.destroy();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    let out = '';
    const code = await runHistoryVerify(
      ['--config', configFile, ...args],
      t => {
        out += t;
      },
    );
    return { code, out };
  };

  it('exits 0 on an intact chain and prints its head', async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toMatch(
      /^History intact: 3 completed row\(s\) chained, last sealed row #3 [0-9a-f]{64}; 0 attempt\(s\) in progress\.\n$/,
    );
  });

  it('exits 1 and names the first broken link after an edit through SQL', async () => {
    const table = 'prod_hardening_remediation_history';
    // The trigger refuses the edit; someone with the owner's password disables it.
    await expect(
      db(table)
        .where({ id: 'attempt-2' })
        .update({ actor: 'user:default/eve' }),
    ).rejects.toThrow(/completed and cannot be changed/);
    await db.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await db(table)
      .where({ id: 'attempt-2' })
      .update({ actor: 'user:default/eve' });
    await db.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`);

    const { code, out } = await run();
    expect(code).toBe(1);
    expect(out).toMatch(
      /^History BROKEN at row #2 \(attempt-2\): its content no longer matches its hash/,
    );
    const json = await run('--json');
    expect(JSON.parse(json.out)).toMatchObject({
      ok: false,
      checkedRows: 1,
      firstBreak: { seq: 2, id: 'attempt-2' },
    });
  });
});
