export {
  createRedisConnection,
  describeRedisError,
  onReadinessChange,
  reconnectOnReadOnly,
} from './redisClientFactory';
export type { RedisConnection } from './redisClientFactory';
export { PROBE_KEY_PREFIX } from './keys';
export { portalAccessString, PORTAL_REDIS_COMMANDS } from './portalAcl';
export type { PortalKeyPrefixes } from './portalAcl';
