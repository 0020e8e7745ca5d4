export { createRedisClient, reconnectOnReadOnly } from './client';
