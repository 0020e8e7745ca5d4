export {
  createRedisConnection,
  describeRedisError,
  onReadinessChange,
} from './redisClientFactory';
export type { RedisConnection } from './redisClientFactory';
