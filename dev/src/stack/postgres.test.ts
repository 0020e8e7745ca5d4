import { existsSync } from 'node:fs';
import knexFactory from 'knex';
import { startPostgres, PostgresServer } from './postgres';

jest.setTimeout(60_000);

describe('startPostgres', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('accepts the generated password and keeps what is written', async () => {
    const db = knexFactory({ client: 'pg', connection: server.connection });
    try {
      await db.schema.createTable('probe', table => table.string('name'));
      await db('probe').insert({ name: 'written' });
      expect(await db('probe').pluck('name')).toEqual(['written']);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a wrong password, as a production server would', async () => {
    const db = knexFactory({
      client: 'pg',
      connection: { ...server.connection, password: 'wrong' },
      // the refusal is asserted below; knex would also print it
      log: { error: () => undefined },
    });
    try {
      await expect(db.raw('select 1')).rejects.toThrow(
        /password authentication failed/,
      );
    } finally {
      await db.destroy();
    }
  });

  it('stops with clients still connected and leaves no data behind', async () => {
    const own = await startPostgres();
    const db = knexFactory({
      client: 'pg',
      connection: own.connection,
      pool: { min: 1, max: 1 },
    });
    await db.raw('select 1');
    const serverPid = own.process.pid;
    const started = Date.now();
    await own.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(() => process.kill(serverPid, 0)).toThrow();
    await db.destroy().catch(() => undefined);
    expect(existsSync(own.dataDir)).toBe(false);
  });
});
