import type { Knex } from 'knex';
import { guardQuery } from '../../database/unavailable';
import type {
  PostureReport,
  PostureTrendPoint,
} from '@prod-hardening/plugin-prod-hardening-common';

const SNAPSHOTS = 'prod_hardening_posture_snapshots';
const STORE = 'posture trend store';

/** One row per UTC day: the day's latest posture scores, for the 7/30/90-day trend. */
export class PostureSnapshotStore {
  /** `db` has the plugin's migrations applied (migrateDatabase). */
  constructor(private readonly db: Knex) {}

  async save(report: PostureReport): Promise<PostureTrendPoint> {
    const point: PostureTrendPoint = {
      day: report.evaluatedAt.slice(0, 10),
      securityHubPercent: report.score.securityHubPercent,
      severityWeightedPercent: report.score.severityWeightedPercent,
      failed: report.score.failed,
      securityHubPercentWithExemptions:
        report.scoreWithExemptions?.securityHubPercent ?? null,
      severityWeightedPercentWithExemptions:
        report.scoreWithExemptions?.severityWeightedPercent ?? null,
    };
    const row = {
      day: point.day,
      taken_at: report.evaluatedAt,
      security_hub_percent: report.score.securityHubPercent,
      severity_weighted_percent: report.score.severityWeightedPercent,
      passed: report.score.passed,
      failed: report.score.failed,
      warned: report.score.warned,
      errored: report.score.errored,
      security_hub_percent_with_exemptions:
        point.securityHubPercentWithExemptions,
      severity_weighted_percent_with_exemptions:
        point.severityWeightedPercentWithExemptions,
      statuses_json: JSON.stringify(
        Object.fromEntries(report.checks.map(c => [c.id, c.status])),
      ),
    };
    await guardQuery(
      STORE,
      this.db(SNAPSHOTS).insert(row).onConflict('day').merge(),
    );
    return point;
  }

  /** Snapshots from `fromDay` (inclusive, YYYY-MM-DD), oldest first. */
  async since(fromDay: string): Promise<PostureTrendPoint[]> {
    const rows = await guardQuery(
      STORE,
      this.db(SNAPSHOTS).where('day', '>=', fromDay).orderBy('day', 'asc'),
    );
    return rows.map((r: any) => ({
      day: r.day,
      securityHubPercent: r.security_hub_percent,
      severityWeightedPercent: r.severity_weighted_percent,
      failed: r.failed,
      securityHubPercentWithExemptions:
        r.security_hub_percent_with_exemptions ?? null,
      severityWeightedPercentWithExemptions:
        r.severity_weighted_percent_with_exemptions ?? null,
    }));
  }
}

/** The first day of a trend window of `days` days ending today (UTC). */
export function trendStartDay(now: Date, days: number): string {
  const start = new Date(
    Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate() - (days - 1),
    ),
  );
  return start.toISOString().slice(0, 10);
}
