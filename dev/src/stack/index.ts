export { assertPortFree, getFreePort } from './freePort';
export { startProcess, waitUntilHealthy } from './managedProcess';
export type { ManagedProcess } from './managedProcess';
export { startMoto } from './moto';
export type { MotoServer, MotoOptions } from './moto';
export { startRedis, pingRedis } from './redis';
export { startPostgres, findPostgresBinaries } from './postgres';
export type {
  PostgresServer,
  PostgresConnection,
  PostgresOptions,
} from './postgres';
export type { RedisServer, RedisOptions, RedisTlsFiles } from './redis';
export { startDemoTraffic } from './demoTraffic';
export type { DemoTraffic, DemoTrafficOptions } from './demoTraffic';
export { startRedisFailoverPair, redisCommand } from './redisFailover';
export type { RedisFailoverPair, RedisFailoverOptions } from './redisFailover';
