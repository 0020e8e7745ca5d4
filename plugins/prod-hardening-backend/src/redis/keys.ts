/**
 * The keys the portal itself writes: only its health probes (sources/redisPing.ts).
 * Everything else it reads belongs to the rate limiter.
 */
export const PROBE_KEY_PREFIX = 'prod-hardening:probe:';
