import type { Knex } from 'knex';
import type { PostureReport } from '@prod-hardening/plugin-prod-hardening-common';
import { migratedSqlite } from '../../testUtils/database';
import { PostureService } from '../posture/PostureService';
import { PostureSnapshotStore } from '../posture/PostureSnapshotStore';
import { ChangeMark } from './ChangeMark';

/** A replica's posture service over a fake engine that counts its evaluations. */
function replica(db: Knex, changes: ChangeMark | undefined) {
  let evaluations = 0;
  const service = new PostureService({
    engine: {
      evaluate: async () => {
        evaluations++;
        return { evaluatedAt: `evaluation ${evaluations}` } as PostureReport;
      },
    } as any,
    securityHub: { getFindings: async () => [] } as any,
    snapshots: new PostureSnapshotStore(db),
    changes,
  });
  return { service, evaluations: () => evaluations };
}

describe('ChangeMark', () => {
  let db: Knex;

  beforeEach(async () => {
    db = await migratedSqlite();
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('counts every bump, from 0', async () => {
    const mark = new ChangeMark(db, 'posture');
    expect(await mark.read()).toBe(0);
    await Promise.all([mark.bump(), new ChangeMark(db, 'posture').bump()]);
    expect(await mark.read()).toBe(2);
    expect(await new ChangeMark(db, 'other').read()).toBe(0);
  });

  it("drops a replica's cached posture at its first request after another replica's change", async () => {
    const a = replica(db, new ChangeMark(db, 'posture'));
    const b = replica(db, new ChangeMark(db, 'posture'));
    await b.service.getReport();
    await b.service.getReport();
    expect(b.evaluations()).toBe(1);

    // A remediates: it drops its own cache and bumps the shared mark.
    a.service.invalidate();
    await new ChangeMark(db, 'posture').bump();

    expect((await b.service.getReport()).evaluatedAt).toBe('evaluation 2');
    await b.service.getReport();
    expect(b.evaluations()).toBe(2);
  });

  it('keeps serving the cache when the mark cannot be read', async () => {
    const b = replica(db, new ChangeMark(db, 'posture'));
    await b.service.getReport();
    await db.schema.dropTable('prod_hardening_change_marks');
    await b.service.getReport();
    expect(b.evaluations()).toBe(1);
  });
});
