import Redis from 'ioredis';
import type { RateLimiterConfig } from '../config';

/**
 * Redis client settings that keep a decision from waiting on a dead Redis. `authToken`
 * is the AUTH password read from Secrets Manager (authToken.ts), never from the
 * environment.
 */
export function createRedisClient(
  config: RateLimiterConfig['redis'],
  authToken?: string,
): Redis {
  return new Redis(config.url, {
    ...(authToken === undefined ? {} : { password: authToken }),
    commandTimeout: config.commandTimeoutMs,
    connectTimeout: config.connectTimeoutMs,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    retryStrategy: times => Math.min(100 * times, 1_000),
    reconnectOnError: reconnectOnReadOnly,
  });
}

/**
 * After an ElastiCache failover the primary endpoint names the new primary, but an
 * open connection stays on the old node, now a replica that refuses every write with
 * READONLY, and the limiter would decide in its fallback until the instance is
 * recycled. Reconnecting (through the endpoint, to the new primary) and resending is
 * safe: a replica writes nothing, it fails the script at its first write.
 */
export function reconnectOnReadOnly(err: Error): 2 | false {
  return err.message.startsWith('READONLY') ? 2 : false;
}
