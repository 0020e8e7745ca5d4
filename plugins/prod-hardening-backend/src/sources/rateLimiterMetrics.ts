import { metricsKeys, RateLimits } from '@prod-hardening/rate-limiter/contract';
import {
  createRateLimiter,
  RateLimiterPeek,
} from '@prod-hardening/rate-limiter/limiter';
import type { RawMinute, ZsetReply } from '../domain/throttling';
import type { RedisConnection } from '../redis';

export interface RateLimiterMetricsOptions {
  /** The Lambda's METRICS_KEY_PREFIX. */
  metricsKeyPrefix: string;
  /** The Lambda's RATE_LIMIT_KEY_PREFIX (one limiter state key per creator). */
  limiterKeyPrefix: string;
  /** How long a read waits for the first connection after start-up. */
  connectWaitMs?: number;
}

/** Everything the dashboard reads from the limiter's metrics keys in one round trip. */
export interface RateLimiterMetricsRead {
  minutes: RawMinute[];
  /** Per minute, `ZREVRANGE … WITHSCORES` of the busiest creators. */
  creatorTops: ZsetReply[];
  fallback: Record<string, string>;
  limits: Record<string, string>;
}

/**
 * The rate limiter's Redis state, read-only. Every key name is computed from the
 * minutes asked for (layout in lambdas/rate-limiter/README.md), so no request ever
 * runs KEYS or SCAN; creators are peeked with the limiter's own script, which never
 * takes a token.
 */
export class RateLimiterMetricsSource {
  private readonly keys: ReturnType<typeof metricsKeys>;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: RateLimiterMetricsOptions,
  ) {
    this.keys = metricsKeys(options.metricsKeyPrefix);
  }

  /** Counters, latency histograms and the top `topPerMinute` creators of each minute. */
  async read(
    minutes: number[],
    topPerMinute: number,
  ): Promise<RateLimiterMetricsRead> {
    const client = await this.readyClient();
    const pipeline = client.pipeline();
    for (const minute of minutes) {
      pipeline.hgetall(this.keys.counters(minute));
      pipeline.hgetall(this.keys.latency(minute));
      pipeline.zrevrange(
        this.keys.creators(minute),
        0,
        topPerMinute - 1,
        'WITHSCORES',
      );
    }
    pipeline.hgetall(this.keys.fallback);
    pipeline.hgetall(this.keys.limits);
    const replies = await pipeline.exec();
    if (!replies)
      throw new Error('Redis returned no reply to the metrics read');
    const values = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    });
    return {
      minutes: minutes.map((minute, i) => ({
        minute,
        counters: values[i * 3] as Record<string, string>,
        latency: values[i * 3 + 1] as Record<string, string>,
      })),
      creatorTops: minutes.map((_, i) => values[i * 3 + 2] as string[]),
      fallback: values[minutes.length * 3] as Record<string, string>,
      limits: values[minutes.length * 3 + 1] as Record<string, string>,
    };
  }

  /** Tokens, sends in the window and wait of each creator at `nowMs`, without consuming. */
  async peek(
    userIds: string[],
    nowMs: number,
    limits: RateLimits,
  ): Promise<RateLimiterPeek[]> {
    const limiter = createRateLimiter({
      redis: await this.readyClient(),
      limits,
      keyPrefix: this.options.limiterKeyPrefix,
    });
    return Promise.all(userIds.map(id => limiter.peek(id, nowMs)));
  }

  /**
   * The client once it is ready. While it is still making its first connection (a
   * request right after start-up) it is given up to `connectWaitMs`; during an outage
   * it fails at once with the connection's last error.
   */
  private async readyClient() {
    const { client } = this.redis;
    if (client.status === 'connecting' || client.status === 'connect') {
      await new Promise<void>(resolve => {
        const done = () => {
          clearTimeout(timer);
          client.off('ready', done);
          client.off('error', done);
          resolve();
        };
        const timer = setTimeout(done, this.options.connectWaitMs ?? 1000);
        client.once('ready', done);
        client.once('error', done);
      });
    }
    if (client.status !== 'ready') {
      throw new Error(
        this.redis.lastError() ?? `not connected (${client.status})`,
      );
    }
    return client;
  }
}
