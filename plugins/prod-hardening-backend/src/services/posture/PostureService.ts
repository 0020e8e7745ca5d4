import { NotFoundError } from '@backstage/errors';
import type {
  FindingDetail,
  FindingsPage,
  PostureReport,
  PostureTrendPoint,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
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

interface Cached<T> {
  value: T;
  at: number;
}

/**
 * Posture report and findings with a short cache, so page views do not each fan out
 * to a dozen AWS APIs; concurrent requests share one evaluation in flight.
 */
export class PostureService {
  private report?: Cached<PostureReport>;
  private reportInFlight?: Promise<PostureReport>;
  private findings?: Cached<{ list: Finding[]; unavailableReason?: string }>;
  private findingsInFlight?: Promise<{
    list: Finding[];
    unavailableReason?: string;
  }>;
  private readonly ttl: number;
  private readonly nowMs: () => number;

  constructor(private readonly options: PostureServiceOptions) {
    this.ttl = options.cacheTtlMs ?? 60_000;
    this.nowMs = options.nowMs ?? Date.now;
  }

  async getReport(opts: { refresh?: boolean } = {}): Promise<PostureReport> {
    if (
      !opts.refresh &&
      this.report &&
      this.nowMs() - this.report.at < this.ttl
    ) {
      return this.report.value;
    }
    this.reportInFlight ??= this.options.engine
      .evaluate()
      .then(value => {
        this.report = { value, at: this.nowMs() };
        return value;
      })
      .finally(() => {
        this.reportInFlight = undefined;
      });
    return this.reportInFlight;
  }

  /** Drops cached results, e.g. after a remediation changed the account. */
  invalidate() {
    this.report = undefined;
    this.findings = undefined;
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

  private async loadFindings() {
    if (this.findings && this.nowMs() - this.findings.at < this.ttl)
      return this.findings.value;
    this.findingsInFlight ??= this.options.securityHub
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
      }))
      .then(value => {
        this.findings = { value, at: this.nowMs() };
        return value;
      })
      .finally(() => {
        this.findingsInFlight = undefined;
      });
    return this.findingsInFlight;
  }
}
