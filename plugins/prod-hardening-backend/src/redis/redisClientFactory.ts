import Redis from 'ioredis';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ProdHardeningConfig } from '../config';

/** A connected-on-demand Redis client plus the last connection error, for diagnostics. */
export interface RedisConnection {
  readonly client: Redis;
  /** Why the last connection attempt failed, if the client is not ready. */
  lastError(): string | undefined;
  close(): Promise<void>;
}

const MAX_RECONNECT_DELAY_MS = 5000;

/**
 * The one way to build a Redis client in this plugin. Timeouts are tight and the
 * offline queue is off, so a Redis outage makes reads fail fast instead of piling up
 * requests; ioredis keeps reconnecting in the background. TLS is implied by rediss://
 * and the AUTH password travels in the URL (from the environment, never from files).
 */
export function createRedisConnection(
  config: ProdHardeningConfig['redis'],
  logger: LoggerService,
): RedisConnection {
  const client = new Redis(config.url, {
    // The portal's read-only ACL user in production (redis/portalAcl.ts).
    ...(config.username ? { username: config.username } : {}),
    ...(config.password ? { password: config.password } : {}),
    lazyConnect: true,
    connectTimeout: config.connectTimeoutMs,
    commandTimeout: config.commandTimeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: attempt => Math.min(attempt * 250, MAX_RECONNECT_DELAY_MS),
    reconnectOnError: reconnectOnReadOnly,
  });
  let lastError: string | undefined;
  client.on('error', (err: Error) => {
    const message = describeRedisError(err);
    // Log a state change once, not every reconnect attempt.
    if (message !== lastError) logger.warn(`Redis unavailable: ${message}`);
    lastError = message;
  });
  client.on('ready', () => {
    if (lastError) logger.info('Redis connection restored');
    lastError = undefined;
  });
  client.connect().catch(() => {
    // Reported through the 'error' event; the reconnect strategy keeps trying.
  });
  return {
    client,
    lastError: () => lastError,
    async close() {
      client.disconnect(false);
    },
  };
}

/**
 * After an ElastiCache failover the primary endpoint names the new primary, but an open
 * connection stays on the old node, now a replica: every write fails with READONLY
 * until the client reconnects. So it reconnects (through the endpoint, to the new
 * primary). The failed command is not resent: the offline queue is off, and the one
 * write the portal makes is the health probe, which should report the READONLY it met.
 */
export function reconnectOnReadOnly(err: Error): 1 | false {
  return err.message.startsWith('READONLY') ? 1 : false;
}

/**
 * Calls `listener` when the client becomes ready or stops being ready: transitions
 * only, not every reconnect attempt while Redis stays down.
 */
export function onReadinessChange(client: Redis, listener: () => void): void {
  let ready = client.status === 'ready';
  const update = () => {
    const readyNow = client.status === 'ready';
    if (readyNow !== ready) {
      ready = readyNow;
      listener();
    }
  };
  client.on('ready', update);
  client.on('close', update);
  client.on('end', update);
}

export function describeRedisError(err: Error & { code?: string }): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is redis-server running?)';
    case 'ENOTFOUND':
      return 'host name does not resolve';
    case 'ETIMEDOUT':
      return 'connection timed out';
    default:
      return err.message;
  }
}
