import { NotFoundError } from '@backstage/errors';
import type {
  FindingDetail,
  FindingsPage,
  PostureReport,
  PostureTrendPoint,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import { TimedCache } from '../../cache';
import {
  FindingsQuery,
  isOpenActiveFinding,
  normalizeFinding,
  OPEN_FINDINGS_FILTERS,
  queryFindings,
} from '../../domain/posture/findings';
import type { Finding } from '@prod-hardening/plugin-prod-hardening-common';
import { checkForFinding } from '../../domain/posture/findingChecks';
import type { SecurityHubSource } from '../../sources/securityHub';
import type { PostureCheckEngine } from './PostureCheckEngine';
import { PostureSnapshotStore, trendStartDay } from './PostureSnapshotStore';

export interface PostureServiceOptions {
  engine: PostureCheckEngine;
  securityHub: SecurityHubSource;
  endpoint?: string;
  snapshots: PostureSnapshotStore;
  /** How long a posture report and the findings list are reused. */
  cacheTtlMs?: number;
  nowMs?: () => number;
}

/**
 * Posture report and findings with a short cache, so page views do not each fan out
 * to a dozen AWS APIs; concurrent requests share one evaluation in flight.
 */
export class PostureService {
  private readonly report: TimedCache<PostureReport>;
  private readonly findings: TimedCache<{
    list: Finding[];
    unavailableReason?: string;
  }>;
  private readonly nowMs: () => number;

  constructor(private readonly options: PostureServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    const ttl = options.cacheTtlMs ?? 60_000;
    this.report = new TimedCache(ttl, this.nowMs);
    this.findings = new TimedCache(ttl, this.nowMs);
  }

  getReport(opts: { refresh?: boolean } = {}): Promise<PostureReport> {
    return this.report.get(() => this.options.engine.evaluate(), opts);
  }

  /** Drops cached results, e.g. after a remediation changed the account. */
  invalidate() {
    this.report.invalidate();
    this.findings.invalidate();
  }

  /** Evaluates now and stores the day's snapshot; run by the scheduler. */
  async takeSnapshot(): Promise<PostureTrendPoint> {
    return this.options.snapshots.save(await this.getReport({ refresh: true }));
  }

  async getTrend(days: number): Promise<PostureTrendPoint[]> {
    return this.options.snapshots.since(
      trendStartDay(new Date(this.nowMs()), days),
    );
  }

  async getFindings(query: FindingsQuery): Promise<FindingsPage> {
    const { list, unavailableReason } = await this.loadFindings();
    return { ...queryFindings(list, query), unavailableReason };
  }

  /** One open finding and the posture check it maps to (404 for an unknown id). */
  async getFinding(id: string): Promise<FindingDetail> {
    const { list } = await this.loadFindings();
    const finding = list.find(f => f.id === id);
    if (!finding) {
      throw new NotFoundError(`There is no open finding with id ${id}.`);
    }
    const check = checkForFinding(finding, (await this.getReport()).checks);
    return check ? { finding, check } : { finding };
  }

  /** Every open finding from the same cache as the findings table (entity pages filter it). */
  getOpenFindings(): Promise<{ list: Finding[]; unavailableReason?: string }> {
    return this.loadFindings();
  }

  private loadFindings() {
    return this.findings.get(() =>
      this.options.securityHub
        .getFindings(OPEN_FINDINGS_FILTERS)
        .then(raw => ({
          list: raw.filter(isOpenActiveFinding).map(normalizeFinding),
        }))
        .catch(err => ({
          list: [] as Finding[],
          unavailableReason: `Security Hub findings are unavailable: ${describeAwsError(
            err,
            this.options.endpoint,
          )}`,
        })),
    );
  }
}
