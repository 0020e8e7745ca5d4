import type { Knex } from 'knex';
import { migratedSqlite } from '../../testUtils/database';
import { FinOpsStore } from './FinOpsStore';
import { StoredRefresh } from './StoredRefresh';

describe('StoredRefresh', () => {
  let db: Knex;
  let store: FinOpsStore;
  let nowMs: number;
  let runs: number;
  let refresher: StoredRefresh;

  beforeEach(async () => {
    db = await migratedSqlite();
    store = new FinOpsStore(db);
    nowMs = Date.parse('2026-11-28T06:00:00Z');
    runs = 0;
    refresher = new StoredRefresh({
      store,
      stateKey: 'k',
      now: () => new Date(nowMs),
      run: async () => {
        runs++;
        await store.setState(
          'k',
          { refreshedAt: new Date(nowMs).toISOString() },
          new Date(nowMs),
        );
      },
    });
  });

  afterEach(() => db.destroy());

  it('runs once for concurrent callers', async () => {
    await Promise.all([refresher.run(), refresher.run(), refresher.run()]);
    expect(runs).toBe(1);
  });

  it('skips while the stored result is younger than the limit', async () => {
    expect(await refresher.runIfStale(60_000)).toBe(true);
    nowMs += 59_999;
    expect(await refresher.runIfStale(60_000)).toBe(false);
    nowMs += 1;
    expect(await refresher.runIfStale(60_000)).toBe(true);
    expect(runs).toBe(2);
  });

  it('waits for `after`, and lets readers wait for the run without its failure', async () => {
    let release!: () => void;
    const after = new Promise<void>(r => (release = r));
    const failing = new StoredRefresh({
      store,
      stateKey: 'other',
      now: () => new Date(nowMs),
      run: async () => {
        runs++;
        throw new Error('AWS down');
      },
    });
    const result = failing.runIfStale(1000, after);
    await new Promise(r => setTimeout(r, 20));
    expect(runs).toBe(0);
    release();
    await expect(result).rejects.toThrow('AWS down');
    await expect(failing.settled()).resolves.toBeUndefined();
    expect(runs).toBe(1);
  });
});
