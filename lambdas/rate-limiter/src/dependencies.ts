import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { RateLimiterConfig } from './config';
import { createRateLimiter } from './limiter/redisRateLimiter';
import { InMemoryLimiter } from './limiter/fallback';
import { ResilientRateLimiter } from './limiter/resilientRateLimiter';
import { IdempotencyStore } from './idempotency/store';
import { MetricsRecorder } from './metrics/recorder';
import { MessagingClient } from './delivery/messagingClient';
import { MessageQueues } from './delivery/queues';
import { DeferralPlanner } from './delivery/deferralPlanner';
import { secretsManagerToken, staticToken } from './delivery/token';
import { createLogger, Logger } from './logger';
import type { RecordHandlerDeps } from './recordHandler';
import { createRedisClient, readRedisAuthToken } from './redis';

/** The Redis client exactly as the Lambda builds it (tests use it too). */
export { createRedisClient };

export interface Dependencies extends RecordHandlerDeps {
  limiter: ResilientRateLimiter;
  idempotency: IdempotencyStore;
  redis: Redis;
  /** Closes the Redis connection (local runner and tests). */
  close(): Promise<void>;
}

export interface DependencyOverrides {
  logger?: Logger;
  sqs?: SQSClient;
  secretsManager?: SecretsManagerClient;
  instanceId?: string;
  clock?: () => number;
}

/** Builds everything one Lambda instance needs from its configuration. */
export async function createDependencies(
  config: RateLimiterConfig,
  overrides: DependencyOverrides = {},
): Promise<Dependencies> {
  const logger = overrides.logger ?? createLogger();
  const instanceId = overrides.instanceId ?? randomUUID();
  const clock = overrides.clock ?? Date.now;
  const awsClientConfig = {
    region: config.aws.region,
    ...(config.aws.endpoint ? { endpoint: config.aws.endpoint } : {}),
  };
  const sqs = overrides.sqs ?? new SQSClient(awsClientConfig);
  let secretsManager = overrides.secretsManager;
  const secrets = () =>
    (secretsManager ??= new SecretsManagerClient(awsClientConfig));
  const token = config.api.token
    ? staticToken(config.api.token)
    : secretsManagerToken({
        client: secrets(),
        secretId: config.api.tokenSecretId!,
      });

  const redis = createRedisClient(
    config.redis,
    config.redis.authTokenSecretId
      ? await readRedisAuthToken(secrets(), config.redis.authTokenSecretId)
      : undefined,
  );
  // connection errors surface as failed commands (and the fallback); keep them out of stderr
  redis.on('error', (error: Error) =>
    logger.debug('Redis connection error', { error: error.message }),
  );
  // Assigned once below; the limiter's callbacks, built first, read it later.
  // eslint-disable-next-line prefer-const
  let metrics: MetricsRecorder | undefined;
  const limiter = new ResilientRateLimiter({
    redisLimiter: createRateLimiter({
      redis,
      limits: config.limits,
      keyPrefix: config.keyPrefix,
    }),
    fallback: new InMemoryLimiter({
      limits: config.limits,
      maxConcurrency: config.maxConcurrency,
      warmupMs: config.fallbackWarmupMs,
    }),
    probe: () => redis.ping(),
    probeIntervalMs: config.redisProbeIntervalMs,
    onModeChange: change => {
      if (change.mode === 'fallback') {
        logger.warn('Redis unavailable, deciding with the in-memory fallback', {
          reason: change.reason,
          atMs: change.atMs,
        });
      } else {
        logger.info('Redis is back, deciding with Redis again', {
          atMs: change.atMs,
        });
      }
      metrics?.fallbackChanged({
        active: change.mode === 'fallback',
        atMs: change.atMs,
        reason: change.reason,
      });
    },
  });
  const isRedisAvailable = () => limiter.mode === 'redis';
  metrics = new MetricsRecorder({
    redis,
    prefix: config.metrics.keyPrefix,
    ttlSeconds: config.metrics.ttlSeconds,
    instanceId,
    isRedisAvailable,
  });
  const idempotency = new IdempotencyStore({
    redis,
    prefix: config.idempotency.keyPrefix,
    ttlSeconds: config.idempotency.ttlSeconds,
    claimTtlMs: Math.max(30_000, 3 * config.api.timeoutMs),
    isRedisAvailable,
    onRedisError: error => limiter.enterFallback(clock(), error),
  });

  if (config.maxConcurrency > config.limits.capacity) {
    logger.warn(
      'MAX_CONCURRENCY exceeds the bucket capacity: in fallback the burst may exceed it',
    );
  }
  await metrics
    .writeLimits({
      capacity: config.limits.capacity,
      refill_interval_ms: config.limits.refillIntervalMs,
      window_limit: config.limits.windowLimit,
      window_ms: config.limits.windowMs,
      max_concurrency: config.maxConcurrency,
      fallback_warmup_ms: config.fallbackWarmupMs,
    })
    .catch(error =>
      logger.warn('could not record the limits in Redis', { error }),
    );

  return {
    limiter,
    idempotency,
    metrics,
    client: new MessagingClient({
      baseUrl: config.api.baseUrl,
      token,
      timeoutMs: config.api.timeoutMs,
    }),
    queues: new MessageQueues({
      sqs,
      queueUrl: config.queueUrl,
      deadLetterQueueUrl: config.deadLetterQueueUrl,
    }),
    logger,
    deferJitterMs: config.deferJitterMs,
    deferralPlanner: new DeferralPlanner({ spacingMs: config.deferSpacingMs }),
    maxDeferrals: config.maxDeferrals,
    maxReceives: config.maxReceives,
    clock,
    redis,
    async close() {
      await metrics?.flush();
      redis.disconnect();
    },
  };
}
