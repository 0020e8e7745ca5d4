import type { RedisConnection } from '../redis';

/** Reachability of the rate limiter's Redis. */
export class RedisPingSource {
  constructor(private readonly redis: RedisConnection) {}

  async ping(): Promise<void> {
    if (this.redis.client.status !== 'ready') {
      throw new Error(
        this.redis.lastError() ?? `not connected (${this.redis.client.status})`,
      );
    }
    const reply = await this.redis.client.ping();
    if (reply !== 'PONG') throw new Error(`unexpected PING reply: ${reply}`);
  }
}
