export {
  createRedisConnection,
  describeRedisError,
  onReadinessChange,
  reconnectOnReadOnly,
} from './redisClientFactory';
export type { RedisConnection } from './redisClientFactory';
export { PROBE_KEY_PREFIX } from './keys';
