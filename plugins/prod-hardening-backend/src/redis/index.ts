export {
  createRedisConnection,
  describeRedisError,
  onReadinessChange,
  reconnectOnReadOnly,
} from './redisClientFactory';
export type { RedisConnection } from './redisClientFactory';
