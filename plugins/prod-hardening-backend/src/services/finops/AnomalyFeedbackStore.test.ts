import { startPostgres, PostgresServer } from '@prod-hardening/dev-stack';
import type { AnomalyFeedback } from '@prod-hardening/plugin-prod-hardening-common';
import knexFactory, { Knex } from 'knex';
import { migrateDatabase } from '../../database';
import { latestFeedback } from '../../domain/finops';
import { migratedSqlite } from '../../testUtils/database';
import { AnomalyFeedbackStore } from './AnomalyFeedbackStore';

jest.setTimeout(60_000);

let postgres: PostgresServer | undefined;
const clients: Knex[] = [];

/** SQLite in tests and locally, PostgreSQL in production: the store must behave the same. */
const databases: Array<[string, () => Promise<Knex>]> = [
  [
    'SQLite',
    async () => {
      const db = await migratedSqlite();
      clients.push(db);
      return db;
    },
  ],
  [
    'PostgreSQL',
    async () => {
      postgres ??= await startPostgres();
      const db = knexFactory({ client: 'pg', connection: postgres.connection });
      clients.push(db);
      await migrateDatabase(db);
      return db;
    },
  ],
];

afterAll(async () => {
  await Promise.all(clients.map(c => c.destroy()));
  await postgres?.stop();
});

const answer = (more: Partial<AnomalyFeedback>): AnomalyFeedback => ({
  source: 'aws',
  anomalyId: 'a1',
  feedback: 'YES',
  comment: null,
  answeredBy: 'user:default/fiona',
  answeredAt: '2026-12-06T09:00:00.000Z',
  ...more,
});

describe.each(databases)('AnomalyFeedbackStore on %s', (_name, connect) => {
  let store: AnomalyFeedbackStore;

  beforeAll(async () => {
    store = new AnomalyFeedbackStore(await connect());
  });

  it('keeps every answer, newest first, a same-millisecond tie in the order recorded', async () => {
    await store.add(answer({ anomalyId: 'h1', feedback: 'YES' }));
    await store.add(
      answer({
        anomalyId: 'h1',
        feedback: 'NO',
        comment: 'the nightly export',
        answeredAt: '2026-12-06T10:00:00.000Z',
      }),
    );
    await store.add(
      answer({
        anomalyId: 'h1',
        feedback: 'PLANNED_ACTIVITY',
        answeredAt: '2026-12-06T10:00:00.000Z',
      }),
    );
    expect(
      (await store.history('aws', 'h1')).map(a => [a.feedback, a.comment]),
    ).toEqual([
      ['PLANNED_ACTIVITY', null],
      ['NO', 'the nightly export'],
      ['YES', null],
    ]);
    const latest = latestFeedback(await store.forAnomalies('aws', ['h1']));
    expect(latest('aws', 'h1')?.feedback).toBe('PLANNED_ACTIVITY');
  });

  it('reads only the asked anomalies of the asked source, however many ids', async () => {
    await store.add(answer({ source: 'portal', anomalyId: 'p1' }));
    await store.add(answer({ source: 'aws', anomalyId: 'p1' }));
    await store.add(answer({ source: 'portal', anomalyId: 'p2' }));
    // More ids than one IN (...) takes on SQLite.
    const asked = ['p1', ...Array.from({ length: 1200 }, (_, i) => `x${i}`)];
    const found = await store.forAnomalies('portal', asked);
    expect(found.map(f => [f.source, f.anomalyId])).toEqual([['portal', 'p1']]);
    expect(await store.forAnomalies('portal', [])).toEqual([]);
  });

  it('stores an id of the longest allowed length and any characters as given', async () => {
    const id = `2026-12-01/service/${'Ω'.repeat(493)}`;
    expect(id).toHaveLength(512);
    await store.add(answer({ source: 'portal', anomalyId: id }));
    expect((await store.history('portal', id))[0].anomalyId).toBe(id);
  });
});
