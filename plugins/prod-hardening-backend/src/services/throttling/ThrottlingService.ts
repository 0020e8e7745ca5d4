import {
  DEFAULT_LIMITS,
  RateLimits,
} from '@prod-hardening/rate-limiter/contract';
import type {
  DeadLetterQueueStatus,
  LimitsInForce,
  RateLimiterMetrics,
  ThrottlingOverview,
  Unavailable,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import {
  buildMinuteSeries,
  busyCreator,
  mergeBusiestCreators,
  mergeHistograms,
  oldestAgeSeconds,
  parseFallback,
  parseLimits,
  sumCounters,
  summarizeLatency,
  windowMinutes,
} from '../../domain/throttling';
import { describeRedisError } from '../../redis';
import type { CloudWatchSource } from '../../sources/cloudWatch';
import type { RateLimiterMetricsSource } from '../../sources/rateLimiterMetrics';
import type { SqsSource } from '../../sources/sqs';
import { TimedCache } from '../../cache';

/** Creators listed in the busiest table. */
export const BUSIEST_CREATORS = 10;
/**
 * Creators read per minute to find the busiest over the window: several times the
 * table size, so a creator busy across minutes is not lost to one quiet minute.
 */
const CREATORS_PER_MINUTE = 50;
/** SQS and CloudWatch are billed per request; the tab refreshes every few seconds. */
const DLQ_CACHE_MS = 10_000;

export interface ThrottlingServiceOptions {
  metrics: RateLimiterMetricsSource;
  sqs: SqsSource;
  cloudWatch: CloudWatchSource;
  deadLetterQueueName: string;
  endpoint?: string;
  now?: () => number;
}

type Part<T> = ({ state: 'ok' } & T) | Unavailable;

/**
 * The Throttling tab's data: the limiter's Redis metrics and its DLQ, read
 * independently so that either can be shown while the other is down.
 */
export class ThrottlingService {
  private readonly now: () => number;
  private readonly dlq: TimedCache<Part<DeadLetterQueueStatus>>;

  constructor(private readonly options: ThrottlingServiceOptions) {
    this.now = options.now ?? Date.now;
    this.dlq = new TimedCache(DLQ_CACHE_MS, this.now);
  }

  async getOverview(minutes: number): Promise<ThrottlingOverview> {
    const nowMs = this.now();
    const [redis, dlq] = await Promise.all([
      this.readMetrics(nowMs, minutes),
      this.deadLetterQueue(nowMs),
    ]);
    return {
      generatedAt: new Date(nowMs).toISOString(),
      windowMinutes: minutes,
      redis,
      dlq,
    };
  }

  /** Forgets the cached DLQ status, e.g. after a redrive. */
  invalidateDeadLetterQueue(): void {
    this.dlq.invalidate();
  }

  private async readMetrics(
    nowMs: number,
    count: number,
  ): Promise<Part<RateLimiterMetrics>> {
    try {
      const raw = await this.options.metrics.read(
        windowMinutes(nowMs, count),
        CREATORS_PER_MINUTE,
      );
      const { minutes, histograms } = buildMinuteSeries(raw.minutes);
      const totals = sumCounters(minutes);
      const limits = parseLimits(raw.limits);
      const busiest = mergeBusiestCreators(raw.creatorTops, BUSIEST_CREATORS);
      const peeks = await this.options.metrics.peek(
        busiest.map(c => c.userId),
        nowMs,
        limiterLimits(limits),
      );
      return {
        state: 'ok',
        minutes,
        totals,
        latency: summarizeLatency(mergeHistograms(histograms)),
        creators: busiest.map((c, i) => busyCreator(c, peeks[i], nowMs)),
        fallback: parseFallback(raw.fallback, totals.fallback),
        limits,
      };
    } catch (err) {
      return {
        state: 'unavailable',
        reason: `Redis: ${describeRedisError(err as Error)}`,
      };
    }
  }

  private deadLetterQueue(nowMs: number): Promise<Part<DeadLetterQueueStatus>> {
    return this.dlq.get(() => this.readDeadLetterQueue(nowMs));
  }

  private async readDeadLetterQueue(
    nowMs: number,
  ): Promise<Part<DeadLetterQueueStatus>> {
    const queueName = this.options.deadLetterQueueName;
    try {
      const url = await this.options.sqs.getQueueUrl(queueName);
      if (!url) {
        return {
          state: 'unavailable',
          reason: `SQS: queue ${queueName} does not exist`,
        };
      }
      const attrs = await this.options.sqs.getQueueAttributes(url, [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
      ]);
      const depth = Number(attrs.ApproximateNumberOfMessages ?? 0);
      const status: DeadLetterQueueStatus = {
        queueName,
        depth,
        inFlight: Number(attrs.ApproximateNumberOfMessagesNotVisible ?? 0),
        oldestAgeSeconds: null,
        readAt: new Date(nowMs).toISOString(),
      };
      if (depth === 0) return { state: 'ok', ...status, ageSource: 'empty' };
      return {
        state: 'ok',
        ...status,
        ...(await this.oldestAge(queueName, url, nowMs)),
      };
    } catch (err) {
      return {
        state: 'unavailable',
        reason: `SQS: ${describeAwsError(err, this.options.endpoint)}`,
      };
    }
  }

  /**
   * CloudWatch first: it is exact and reads no message, but it lags a few minutes
   * and an endpoint may publish no SQS metrics. Then a sample of up to 10 messages
   * read without taking them: current, but a lower bound on a standard queue.
   */
  private async oldestAge(
    queueName: string,
    url: string,
    nowMs: number,
  ): Promise<
    Pick<DeadLetterQueueStatus, 'oldestAgeSeconds' | 'ageSource' | 'ageReason'>
  > {
    let cloudWatchProblem = 'CloudWatch has no recent datapoint';
    try {
      const age = await this.options.cloudWatch.sqsAgeOfOldestMessageSeconds(
        queueName,
        nowMs,
      );
      if (age !== undefined)
        return { oldestAgeSeconds: age, ageSource: 'cloudwatch' };
    } catch (err) {
      cloudWatchProblem = `CloudWatch: ${describeAwsError(
        err,
        this.options.endpoint,
      )}`;
    }
    try {
      const age = oldestAgeSeconds(
        await this.options.sqs.sampleSentTimestamps(url),
        nowMs,
      );
      if (age !== null) return { oldestAgeSeconds: age, ageSource: 'sample' };
      return {
        oldestAgeSeconds: null,
        ageReason: `${cloudWatchProblem}, and no message was visible to sample`,
      };
    } catch (err) {
      return {
        oldestAgeSeconds: null,
        ageReason: `${cloudWatchProblem}; sampling failed: ${describeAwsError(
          err,
          this.options.endpoint,
        )}`,
      };
    }
  }
}

/** Peek with the limits the Lambda runs with; the library defaults until it recorded them. */
function limiterLimits(limits: LimitsInForce | null): RateLimits {
  if (!limits) return { ...DEFAULT_LIMITS };
  const { capacity, refillIntervalMs, windowLimit, windowMs } = limits;
  return { capacity, refillIntervalMs, windowLimit, windowMs };
}
