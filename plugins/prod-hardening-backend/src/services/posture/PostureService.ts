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
import type { ChangeMark } from '../changes/ChangeMark';
import {
  scoreWithExemptions,
  StoredExemption,
} from '../../domain/exemptions/rules';
import type { PostureCheckEngine } from './PostureCheckEngine';
import { PostureSnapshotStore, trendStartDay } from './PostureSnapshotStore';

export interface PostureServiceOptions {
  engine: PostureCheckEngine;
  securityHub: SecurityHubSource;
  endpoint?: string;
  snapshots: PostureSnapshotStore;
  /**
   * Bumped by whichever replica changes the account; read before serving the cache, so
   * another replica's remediation is seen at the next request. Unset: this replica's
   * own changes only (invalidate) and the cache's TTL.
   */
  changes?: ChangeMark;
  /**
   * The exemptions in force, for the report's score with exemptions (computed at each
   * read, so an exemption counts at once without a new evaluation).
   */
  exemptions?: { list(): Promise<StoredExemption[]> };
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
  /** The change mark's version the cache was filled under. */
  private seenChange: number | undefined;

  constructor(private readonly options: PostureServiceOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    const ttl = options.cacheTtlMs ?? 60_000;
    this.report = new TimedCache(ttl, this.nowMs);
    this.findings = new TimedCache(ttl, this.nowMs);
  }

  async getReport(opts: { refresh?: boolean } = {}): Promise<PostureReport> {
    await this.dropIfChangedElsewhere();
    const report = await this.report.get(
      () => this.options.engine.evaluate(),
      opts,
    );
    return this.withExemptions(report);
  }

  /** The report with its score with exemptions; a store that cannot be read leaves it out. */
  private async withExemptions(report: PostureReport): Promise<PostureReport> {
    const { exemptions } = this.options;
    if (!exemptions) return report;
    try {
      const all = await exemptions.list();
      return {
        ...report,
        scoreWithExemptions: scoreWithExemptions(
          report.checks,
          all,
          this.nowMs(),
        ),
      };
    } catch {
      return report;
    }
  }

  /** Drops cached results, e.g. after a remediation changed the account. */
  invalidate() {
    this.report.invalidate();
    this.findings.invalidate();
  }

  /**
   * Drops this replica's cache when another replica changed the account since it was
   * filled. A database that cannot be read leaves the cache as is: the posture still
   * answers, and the TTL bounds how stale it gets.
   */
  private async dropIfChangedElsewhere(): Promise<void> {
    const { changes } = this.options;
    if (!changes) return;
    let version: number;
    try {
      version = await changes.read();
    } catch {
      return;
    }
    if (this.seenChange !== undefined && version !== this.seenChange) {
      this.invalidate();
    }
    this.seenChange = version;
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

  private async loadFindings() {
    await this.dropIfChangedElsewhere();
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
