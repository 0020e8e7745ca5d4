import { ServiceUnavailableError } from '@backstage/errors';
import type { Knex } from 'knex';
import { migratedSqlite } from '../../testUtils/database';
import { RemediationStore, STALE_LOCK_MS } from './RemediationStore';
import { isUniqueViolation } from '../../database';
import { storeUnavailable } from './storeErrors';

const CHECK = 'guardduty-enabled';
const RESOURCE = 'guardduty/us-east-1';
const T0 = Date.parse('2026-12-01T10:00:00Z');

async function savedPlan(store: RemediationStore, planId: string) {
  await store.savePlan({
    plan: {
      planId,
      checkId: CHECK,
      resourceId: RESOURCE,
      title: 'Enable GuardDuty',
      calls: [],
      current: {},
      expected: {},
      risk: 'low',
      reversible: true,
      reversal: '',
      costNote: '',
      blockers: [],
      overridden: false,
      createdAt: new Date(T0).toISOString(),
    },
    userRef: 'user:default/alice',
    stateHash: 'h',
    expiresAtMs: T0 + 60_000,
  });
}

describe('RemediationStore', () => {
  let db: Knex;
  let store: RemediationStore;

  beforeEach(async () => {
    db = await migratedSqlite();
    store = new RemediationStore(db);
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('lets only the owner release a lock, also after a stale-lock takeover', async () => {
    expect(await store.tryLock(CHECK, RESOURCE, 'first', T0)).toBe(true);
    expect(await store.tryLock(CHECK, RESOURCE, 'second', T0 + 1_000)).toBe(
      false,
    );

    // The first holder looks crashed: the second takes the stale lock over.
    const later = T0 + STALE_LOCK_MS + 1;
    expect(await store.tryLock(CHECK, RESOURCE, 'second', later)).toBe(true);

    // The first holder's late unlock must not free the second holder's lock.
    await store.unlock(CHECK, RESOURCE, 'first');
    expect(await store.tryLock(CHECK, RESOURCE, 'third', later + 1)).toBe(
      false,
    );

    await store.unlock(CHECK, RESOURCE, 'second');
    expect(await store.tryLock(CHECK, RESOURCE, 'third', later + 2)).toBe(true);
  });

  it('lets exactly one of two concurrent takeovers of a stale lock win', async () => {
    await store.tryLock(CHECK, RESOURCE, 'crashed', T0);
    const later = T0 + STALE_LOCK_MS + 1;
    const results = await Promise.all([
      store.tryLock(CHECK, RESOURCE, 'a', later),
      store.tryLock(CHECK, RESOURCE, 'b', later),
    ]);
    expect(results.sort()).toEqual([false, true]);
  });

  it('claims a plan once: of two concurrent claims exactly one wins, and the plan names it', async () => {
    const planId = '11111111-1111-4111-8111-111111111111';
    await savedPlan(store, planId);
    const results = await Promise.all([
      store.claimPlan(planId, 'attempt-a', T0),
      store.claimPlan(planId, 'attempt-b', T0),
    ]);
    expect([...results].sort()).toEqual([false, true]);
    const winner = results[0] ? 'attempt-a' : 'attempt-b';
    expect((await store.getPlan(planId))?.claimedBy).toBe(winner);
    expect(await store.claimPlan(planId, 'attempt-c', T0 + 1)).toBe(false);
  });

  it('stores the reason and the overridden blockers of an attempt and updates its row when it ends', async () => {
    const row = {
      id: 'h1',
      checkId: CHECK,
      resourceId: RESOURCE,
      actor: 'user:default/alice',
      outcome: 'in-progress' as const,
      message: 'In progress.',
      calls: [],
      startedAt: new Date(T0).toISOString(),
      durationMs: 0,
      reason: 'INC-42: GuardDuty off in prod',
      overriddenBlockers: ['bucket site is public'],
    };
    await store.addHistory(row);
    await store.completeHistory({
      ...row,
      outcome: 'succeeded',
      message: 'Applied.',
      durationMs: 12,
      verifiedStatus: 'PASS',
    });
    expect(await store.listHistory({ limit: 10 })).toEqual([
      {
        ...row,
        outcome: 'succeeded',
        message: 'Applied.',
        durationMs: 12,
        verifiedStatus: 'PASS',
        planId: undefined,
      },
    ]);
  });

  it('answers a database error that is not a taken lock with a 503, not "locked"', async () => {
    await db.schema.dropTable('prod_hardening_remediation_locks');
    const attempt = store.tryLock(CHECK, RESOURCE, 'a', T0);
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(
      /^The remediation store is unavailable: .*no such table/,
    );
  });
});

describe('store errors', () => {
  it('recognises unique violations of SQLite, PostgreSQL and MySQL only', () => {
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })).toBe(
      true,
    );
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'ER_DUP_ENTRY' })).toBe(true);
    expect(isUniqueViolation({ code: 'SQLITE_BUSY' })).toBe(false);
    expect(isUniqueViolation({ code: '57P01' })).toBe(false); // admin shutdown
    expect(isUniqueViolation(new Error('connect ECONNREFUSED'))).toBe(false);
  });

  it('keeps the driver message and drops the SQL, its values and URL credentials', () => {
    const error = storeUnavailable(
      new Error(
        "insert into `history` (`reason`) values ('secret reason') - connect to postgres://app:hunter2@db:5432 failed",
      ),
    );
    expect(error.message).toBe(
      'The remediation store is unavailable: connect to postgres://***@db:5432 failed. Try again later.',
    );
  });
});
