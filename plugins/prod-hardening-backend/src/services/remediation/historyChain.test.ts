import { ConflictError } from '@backstage/errors';
import { startPostgres, PostgresServer } from '@prod-hardening/dev-stack';
import type { RemediationHistoryEntry } from '@prod-hardening/plugin-prod-hardening-common';
import knexFactory, { Knex } from 'knex';
import { migrateDatabase } from '../../database';
import { migratedSqlite } from '../../testUtils/database';
import { HistoryVerifier } from './HistoryVerifier';
import { RemediationStore } from './RemediationStore';

jest.setTimeout(60_000);

const HISTORY = 'prod_hardening_remediation_history';
const T0 = Date.parse('2026-12-01T10:00:00Z');

function attempt(n: number): RemediationHistoryEntry {
  return {
    id: `attempt-${n}`,
    checkId: 'guardduty-enabled',
    resourceId: 'guardduty/us-east-1',
    planId: `plan-${n}`,
    actor: 'user:default/alice',
    outcome: 'in-progress',
    message: 'In progress.',
    calls: [{ action: 'CreateDetector', params: { Enable: true } }] as any,
    startedAt: new Date(T0 + n * 1000).toISOString(),
    durationMs: 0,
    reason: `INC-${n}`,
  };
}

const done = (n: number): RemediationHistoryEntry => ({
  ...attempt(n),
  outcome: 'succeeded',
  message: 'Applied and verified: the check passes.',
  durationMs: 100 + n,
  verifiedStatus: 'PASS',
});

/**
 * Expects the database to refuse a statement with a message like `pattern`.
 *
 * Matched on the message, not with `toThrow`: better-sqlite3's native addon keeps the
 * error class of the first test file that loaded it in this worker, so in later files
 * its errors are not `instanceof Error` of this file's realm.
 */
function expectRefused(statement: Promise<unknown>, pattern: RegExp) {
  return expect(statement).rejects.toMatchObject({
    message: expect.stringMatching(pattern),
  });
}

/** How a person with the database password gets past the append-only triggers. */
interface Tamperer {
  name: string;
  connect(): Promise<Knex>;
  withoutTriggers(db: Knex, fn: () => Promise<unknown>): Promise<void>;
}

let postgres: PostgresServer | undefined;
const clients: Knex[] = [];

const sqlite: Tamperer = {
  name: 'SQLite',
  connect: async () => {
    const db = await migratedSqlite();
    clients.push(db);
    return db;
  },
  async withoutTriggers(db, fn) {
    await db.raw('DROP TRIGGER prod_hardening_history_no_delete');
    await db.raw('DROP TRIGGER prod_hardening_history_sealed');
    await fn();
  },
};

const pg: Tamperer = {
  name: 'PostgreSQL',
  connect: async () => {
    postgres ??= await startPostgres();
    // A fresh database per test, so chains do not mix.
    const admin = knexFactory({
      client: 'pg',
      connection: postgres.connection,
    });
    const database = `history_${clients.length}`;
    await admin.raw(`CREATE DATABASE ${database}`);
    await admin.destroy();
    const db = knexFactory({
      client: 'pg',
      connection: { ...postgres.connection, database },
    });
    clients.push(db);
    await migrateDatabase(db);
    return db;
  },
  async withoutTriggers(db, fn) {
    await db.raw(`ALTER TABLE ${HISTORY} DISABLE TRIGGER USER`);
    try {
      await fn();
    } finally {
      await db.raw(`ALTER TABLE ${HISTORY} ENABLE TRIGGER USER`);
    }
  },
};

afterAll(async () => {
  await Promise.all(clients.map(c => c.destroy()));
  await postgres?.stop();
});

describe.each([sqlite, pg])('remediation history on $name', tamperer => {
  let db: Knex;
  let store: RemediationStore;
  let verifier: HistoryVerifier;

  beforeEach(async () => {
    db = await tamperer.connect();
    store = new RemediationStore(db);
    verifier = new HistoryVerifier(db, { pageSize: 2 });
  });

  async function recordThree() {
    await store.addHistory(attempt(1));
    await store.completeHistory(done(1));
    await store.addHistory({ ...done(2), outcome: 'denied' });
    await store.addHistory(attempt(3));
    return store.completeHistory(done(3));
  }

  it('seals each completed row after the previous one; attempts in progress wait outside the chain', async () => {
    const last = await recordThree();
    await store.addHistory(attempt(4));
    expect(last.seq).toBe(3);
    expect(await verifier.verify()).toMatchObject({
      ok: true,
      checkedRows: 3,
      head: last,
      inProgress: 1,
    });
    expect(await store.getHistory('attempt-3')).toEqual(done(3));
  });

  it('refuses to change a completed row or delete any row, in code and in the database', async () => {
    await recordThree();
    await expect(
      store.completeHistory({ ...done(1), outcome: 'failed' }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expectRefused(
      db(HISTORY).where({ id: 'attempt-1' }).update({ outcome: 'failed' }),
      /completed and cannot be changed/,
    );
    await store.addHistory(attempt(4));
    await expectRefused(
      db(HISTORY).where({ id: 'attempt-4' }).update({ outcome: 'failed' }),
      /cannot be changed|only be changed to complete it/,
    );
    await expectRefused(
      db(HISTORY).where({ id: 'attempt-4' }).delete(),
      /append-only/,
    );
    await expectRefused(db(HISTORY).delete(), /append-only/);
    if (tamperer === pg) {
      await expectRefused(db.raw(`TRUNCATE ${HISTORY}`), /append-only/);
    }
    expect((await verifier.verify()).ok).toBe(true);
  });

  it('names a row edited through SQL', async () => {
    await recordThree();
    await tamperer.withoutTriggers(db, () =>
      db(HISTORY)
        .where({ id: 'attempt-2' })
        .update({ outcome: 'succeeded', actor: 'user:default/mallory' }),
    );
    expect(await verifier.verify()).toMatchObject({
      ok: false,
      checkedRows: 1,
      head: { seq: 1 },
      firstBreak: {
        seq: 2,
        id: 'attempt-2',
        problem: expect.stringMatching(/edited after it was completed/),
      },
    });
  });

  it('names the row after one deleted through SQL', async () => {
    await recordThree();
    await tamperer.withoutTriggers(db, () =>
      db(HISTORY).where({ id: 'attempt-2' }).delete(),
    );
    expect((await verifier.verify()).firstBreak).toEqual({
      seq: 3,
      id: 'attempt-3',
      problem: expect.stringMatching(/sealed row 2 is missing/),
    });
  });

  it('names a completed row slipped in without a seal', async () => {
    await recordThree();
    await db(HISTORY).insert({
      id: 'forged',
      check_id: 'guardduty-enabled',
      resource_id: 'guardduty/us-east-1',
      actor: 'user:default/mallory',
      outcome: 'succeeded',
      message: 'Applied.',
      calls_json: '[]',
      started_at: new Date(T0).toISOString(),
      duration_ms: 1,
    });
    expect((await verifier.verify()).firstBreak).toEqual({
      id: 'forged',
      problem: expect.stringMatching(/not sealed into the chain/),
    });
  });

  it('gives concurrent completions distinct places in one unbroken chain', async () => {
    const n = 12;
    await Promise.all(
      Array.from({ length: n }, (_, i) => store.addHistory(attempt(i + 1))),
    );
    const seals = await Promise.all(
      Array.from({ length: n }, (_, i) => store.completeHistory(done(i + 1))),
    );
    expect(seals.map(s => s.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n }, (_, i) => i + 1),
    );
    expect(await verifier.verify()).toMatchObject({
      ok: true,
      checkedRows: n,
      inProgress: 0,
    });
  });
});
