export {
  createRedisConnection,
  describeRedisError,
} from './redisClientFactory';
export type { RedisConnection } from './redisClientFactory';
