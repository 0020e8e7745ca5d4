import { PROBE_KEY_PREFIX } from './keys';

/**
 * Every command the portal sends to the rate limiter's Redis, with its reason. A new
 * read in the portal needs its command here, or the read-only user is refused.
 */
export const PORTAL_REDIS_COMMANDS = [
  'info', // ioredis' ready check on each connection
  'hgetall', // metrics: counters, latency, fallback, limits (sources/rateLimiterMetrics.ts)
  'zrevrange', // metrics: the busiest creators of a minute
  'evalsha_ro', // the limiter's peek script, read-only variant (a write inside fails)
  'eval_ro', // the same, when the node does not have the script cached yet
  'get', // inside the peek script: a creator's state
  'set', // the health probe (sources/redisPing.ts), on its own keys only
] as const;

export interface PortalKeyPrefixes {
  /** The Lambda's RATE_LIMIT_KEY_PREFIX (prodHardening.rateLimiter.keyPrefix). */
  limiterKeyPrefix: string;
  /** The Lambda's METRICS_KEY_PREFIX (prodHardening.rateLimiter.metricsKeyPrefix). */
  metricsKeyPrefix: string;
}

/**
 * The portal's Redis user as an ACL access string, the form both `ACL SETUSER` and an
 * ElastiCache RBAC user (Terraform `aws_elasticache_user.access_string`) take: read
 * only (`%R~`) on the limiter's and the metrics' keys, read and write on its own probe
 * keys, no other key, no channel, and only the commands above.
 */
export function portalAccessString(prefixes: PortalKeyPrefixes): string {
  return [
    'on',
    `%R~${prefixes.limiterKeyPrefix}:*`,
    `%R~${prefixes.metricsKeyPrefix}:*`,
    `~${PROBE_KEY_PREFIX}*`,
    '-@all',
    ...PORTAL_REDIS_COMMANDS.map(command => `+${command}`),
  ].join(' ');
}
