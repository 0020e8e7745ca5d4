import { hostname } from 'node:os';
import { PROBE_KEY_PREFIX, RedisConnection } from '../redis';

/** Long enough to outlive one probe, short enough that dead replicas leave no litter. */
export const PROBE_TTL_MS = 10_000;

/** This process's probe key: one per backend replica, so replicas never contend. */
export function probeKey(host = hostname(), pid = process.pid): string {
  return `${PROBE_KEY_PREFIX}${host}:${pid}`;
}

/**
 * Whether the rate limiter's Redis can take writes. A PING is answered by a replica
 * too, and after a failover an open connection may be on one: the limiter could not
 * write there, so the probe writes (SET with a short TTL on this process's own key).
 */
export class RedisPingSource {
  constructor(
    private readonly redis: RedisConnection,
    private readonly key = probeKey(),
  ) {}

  async ping(): Promise<void> {
    if (this.redis.client.status !== 'ready') {
      throw new Error(
        this.redis.lastError() ?? `not connected (${this.redis.client.status})`,
      );
    }
    const reply = await this.redis.client.set(
      this.key,
      new Date().toISOString(),
      'PX',
      PROBE_TTL_MS,
    );
    if (reply !== 'OK') throw new Error(`unexpected SET reply: ${reply}`);
  }
}
