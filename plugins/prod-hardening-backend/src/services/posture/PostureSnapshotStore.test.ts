import type { Knex } from 'knex';
import { migratedSqlite } from '../../testUtils/database';
import type { PostureReport } from '@prod-hardening/plugin-prod-hardening-common';
import { PostureSnapshotStore, trendStartDay } from './PostureSnapshotStore';

const report = (evaluatedAt: string, failed: number): PostureReport => ({
  accountId: '123456789012',
  region: 'us-east-1',
  evaluatedAt,
  score: {
    securityHubPercent: 100 - failed * 10,
    severityWeightedPercent: 50,
    passed: 10 - failed,
    failed,
    warned: 0,
    errored: 0,
  },
  checks: [],
});

describe('PostureSnapshotStore', () => {
  let db: Knex;

  beforeEach(async () => {
    db = await migratedSqlite();
  });

  afterEach(async () => {
    await db.destroy();
  });

  it('keeps one snapshot per day, the latest of the day winning', async () => {
    const store = new PostureSnapshotStore(db);
    await store.save(report('2026-11-20T01:00:00.000Z', 9));
    await store.save(report('2026-11-20T13:00:00.000Z', 7));
    await store.save(report('2026-11-21T01:00:00.000Z', 5));
    expect(await store.since('2026-11-01')).toEqual([
      {
        day: '2026-11-20',
        securityHubPercent: 30,
        severityWeightedPercent: 50,
        failed: 7,
        securityHubPercentWithExemptions: null,
        severityWeightedPercentWithExemptions: null,
      },
      {
        day: '2026-11-21',
        securityHubPercent: 50,
        severityWeightedPercent: 50,
        failed: 5,
        securityHubPercentWithExemptions: null,
        severityWeightedPercentWithExemptions: null,
      },
    ]);
    expect(await store.since('2026-11-21')).toHaveLength(1);
  });

  it('keeps the score with exemptions beside the raw one', async () => {
    const store = new PostureSnapshotStore(db);
    await store.save({
      ...report('2026-12-05T01:00:00.000Z', 2),
      scoreWithExemptions: {
        securityHubPercent: 88.9,
        severityWeightedPercent: 75,
        passed: 8,
        failed: 1,
        warned: 0,
        errored: 0,
        exempted: 1,
      },
    });
    expect(await store.since('2026-12-01')).toEqual([
      {
        day: '2026-12-05',
        securityHubPercent: 80,
        severityWeightedPercent: 50,
        failed: 2,
        securityHubPercentWithExemptions: 88.9,
        severityWeightedPercentWithExemptions: 75,
      },
    ]);
  });

  it('keeps data across instances', async () => {
    await new PostureSnapshotStore(db).save(
      report('2026-11-20T01:00:00.000Z', 1),
    );
    expect(await new PostureSnapshotStore(db).since('2026-01-01')).toHaveLength(
      1,
    );
  });

  it('starts a 7-day window six days before today (UTC)', () => {
    expect(trendStartDay(new Date('2026-11-28T23:59:00Z'), 7)).toBe(
      '2026-11-22',
    );
    expect(trendStartDay(new Date('2026-03-01T00:00:00Z'), 30)).toBe(
      '2026-01-31',
    );
  });
});
