export { createRedisClient, reconnectOnReadOnly } from './client';
export { readRedisAuthToken } from './authToken';
