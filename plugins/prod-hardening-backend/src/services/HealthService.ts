import type {
  HealthReport,
  HealthSummary,
  SourceHealth,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../aws';
import { TimedCache } from '../cache';
import type { AccountIdentitySource } from '../sources/accountIdentity';
import type { RedisPingSource } from '../sources/redisPing';

export interface HealthServiceOptions {
  identity: AccountIdentitySource;
  redis: RedisPingSource;
  expectedAccountId: string;
  region: string;
  endpoint?: string;
  /** Upper bound for each probe, so /health answers even when a source hangs. */
  probeTimeoutMs?: number;
  /**
   * How long one probe answers every caller. /health is public: without this bound
   * each request would call STS and ping Redis. Default 30 s.
   */
  reuseForMs?: number;
  /** Clock of the latency measurement (milliseconds, any origin). */
  now?: () => number;
  /** Wall clock of the reuse window, epoch milliseconds. Default Date.now. */
  nowMs?: () => number;
}

export const HEALTH_REUSE_MS = 30_000;

export interface HealthService {
  /** The last report if it is recent enough, otherwise a new probe shared by all callers. */
  check(): Promise<HealthReport>;
  /**
   * A source is known to have changed (e.g. Redis connected or dropped): the next
   * check probes again instead of serving the old report for the rest of the window.
   */
  sourceChanged(): void;
}

/**
 * Probes every source in parallel, at most once per reuse window whatever the traffic:
 * concurrent callers share the probe in flight, later ones get its report. Never
 * throws, a failing source is reported down (and that report is reused too, so a
 * broken AWS endpoint is not hammered either).
 */
export class DefaultHealthService implements HealthService {
  private readonly now: () => number;
  private readonly probeTimeoutMs: number;
  private readonly lastReport: TimedCache<HealthReport>;

  constructor(private readonly options: HealthServiceOptions) {
    this.now = options.now ?? (() => performance.now());
    this.probeTimeoutMs = options.probeTimeoutMs ?? 4000;
    this.lastReport = new TimedCache(
      options.reuseForMs ?? HEALTH_REUSE_MS,
      options.nowMs,
    );
  }

  check(): Promise<HealthReport> {
    return this.lastReport.get(() => this.probeAll());
  }

  sourceChanged(): void {
    this.lastReport.invalidate();
  }

  private async probeAll(): Promise<HealthReport> {
    const sources = await Promise.all([this.checkAws(), this.checkRedis()]);
    return {
      status: sources.every(s => s.state === 'up') ? 'ok' : 'degraded',
      checkedAt: new Date().toISOString(),
      sources,
    };
  }

  private async checkAws(): Promise<SourceHealth> {
    const { region, endpoint, expectedAccountId } = this.options;
    const label = endpoint ? `AWS (${region}, ${endpoint})` : `AWS (${region})`;
    return this.probe(
      'aws',
      label,
      async signal => {
        const identity = await this.options.identity.whoAmI(signal);
        if (identity.account !== expectedAccountId) {
          throw new Error(
            `the credentials belong to account ${identity.account}, but the portal is configured for ${expectedAccountId}`,
          );
        }
        return { account: identity.account, region, principal: identity.arn };
      },
      err => describeAwsError(err, endpoint),
    );
  }

  private async checkRedis(): Promise<SourceHealth> {
    return this.probe(
      'redis',
      'Redis (rate limiter)',
      async () => {
        await this.options.redis.ping();
        return undefined;
      },
      err => (err as Error).message,
    );
  }

  private async probe(
    id: SourceHealth['id'],
    label: string,
    run: (signal: AbortSignal) => Promise<Record<string, string> | undefined>,
    describe: (err: unknown) => string,
  ): Promise<SourceHealth> {
    const started = this.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no answer within ${this.probeTimeoutMs} ms`));
      }, this.probeTimeoutMs);
    });
    try {
      const details = await Promise.race([run(controller.signal), timeout]);
      return {
        id,
        label,
        state: 'up',
        latencyMs: this.elapsed(started),
        details,
      };
    } catch (err) {
      return {
        id,
        label,
        state: 'down',
        latencyMs: this.elapsed(started),
        reason: describe(err),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  private elapsed(started: number) {
    return Math.round((this.now() - started) * 10) / 10;
  }
}

/**
 * The anonymous view of a report: status and up/down per source. Built field by field
 * (not by deleting from the report), so a field added to SourceHealth later stays
 * private unless it is added here on purpose.
 */
export function summarizeHealth(report: HealthReport): HealthSummary {
  return {
    status: report.status,
    checkedAt: report.checkedAt,
    sources: report.sources.map(({ id, state }) => ({ id, state })),
  };
}
