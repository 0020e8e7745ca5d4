import { z } from 'zod';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_LIMITS,
  DEFAULT_METRICS_PREFIX,
  RateLimits,
} from './contract';

const positiveInt = (fallback: number) =>
  z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) =>
  z.coerce.number().int().nonnegative().default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform(v => (v === '' ? undefined : v));

/** Environment variables of the Lambda (see README.md, "Configuration"). */
const envSchema = z
  .object({
    REDIS_URL: z.string().url(),
    /** Secrets Manager id of the Redis AUTH token, read at cold start. */
    REDIS_AUTH_TOKEN_SECRET_ID: optionalString,
    REDIS_COMMAND_TIMEOUT_MS: positiveInt(250),
    REDIS_CONNECT_TIMEOUT_MS: positiveInt(2_000),

    QUEUE_URL: z.string().url(),
    DLQ_URL: z.string().url(),
    AWS_REGION: z.string().min(1).default('us-east-1'),
    /** Endpoint override for SQS and Secrets Manager (local emulator only). */
    AWS_ENDPOINT_URL: optionalString.pipe(z.string().url().optional()),

    MESSAGING_API_BASE_URL: z.string().url(),
    MESSAGING_API_TOKEN: optionalString,
    MESSAGING_API_TOKEN_SECRET_ID: optionalString,
    MESSAGING_API_TIMEOUT_MS: positiveInt(3_000),

    RATE_LIMIT_CAPACITY: positiveInt(DEFAULT_LIMITS.capacity),
    RATE_LIMIT_REFILL_INTERVAL_MS: positiveInt(DEFAULT_LIMITS.refillIntervalMs),
    RATE_LIMIT_WINDOW_LIMIT: positiveInt(DEFAULT_LIMITS.windowLimit),
    RATE_LIMIT_WINDOW_MS: positiveInt(DEFAULT_LIMITS.windowMs),
    RATE_LIMIT_KEY_PREFIX: z.string().min(1).default(DEFAULT_KEY_PREFIX),

    /** The event source mapping's maximum concurrency: how many instances decide at once. */
    MAX_CONCURRENCY: positiveInt(2),
    FALLBACK_WARMUP_MS: z.coerce.number().int().nonnegative().optional(),
    REDIS_PROBE_INTERVAL_MS: positiveInt(1_000),

    DEFER_JITTER_MS: nonNegativeInt(1_000),
    /** Between two planned returns of a creator's deferred copies; unset: refill × concurrency. */
    DEFER_SPACING_MS: z.coerce.number().int().nonnegative().optional(),
    MAX_DEFERRALS: positiveInt(100),
    /** Must equal the queue's redrive `maxReceiveCount`. */
    MAX_RECEIVES: positiveInt(5),

    IDEMPOTENCY_KEY_PREFIX: z.string().min(1).default('rate_limit:idempotency'),
    IDEMPOTENCY_TTL_SECONDS: positiveInt(7 * 24 * 3600),
    METRICS_KEY_PREFIX: z.string().min(1).default(DEFAULT_METRICS_PREFIX),
    METRICS_TTL_SECONDS: positiveInt(26 * 3600),
  })
  .refine(env => env.MESSAGING_API_TOKEN || env.MESSAGING_API_TOKEN_SECRET_ID, {
    message: 'set MESSAGING_API_TOKEN or MESSAGING_API_TOKEN_SECRET_ID',
    path: ['MESSAGING_API_TOKEN'],
  })
  // One source for the AUTH token: a password in the URL next to the secret would be
  // the plaintext the secret exists to avoid.
  .refine(
    env => !env.REDIS_AUTH_TOKEN_SECRET_ID || !new URL(env.REDIS_URL).password,
    {
      message:
        'REDIS_URL must not hold a password when REDIS_AUTH_TOKEN_SECRET_ID is set',
      path: ['REDIS_URL'],
    },
  );

export interface RateLimiterConfig {
  redis: {
    url: string;
    /** Where the AUTH token is read from at cold start; unset: AUTH (if any) in the URL. */
    authTokenSecretId?: string;
    commandTimeoutMs: number;
    connectTimeoutMs: number;
  };
  aws: { region: string; endpoint?: string };
  queueUrl: string;
  deadLetterQueueUrl: string;
  api: {
    baseUrl: string;
    token?: string;
    tokenSecretId?: string;
    timeoutMs: number;
  };
  limits: RateLimits;
  keyPrefix: string;
  maxConcurrency: number;
  fallbackWarmupMs: number;
  redisProbeIntervalMs: number;
  deferJitterMs: number;
  /** See `src/delivery/deferralPlanner.ts`. */
  deferSpacingMs: number;
  maxDeferrals: number;
  maxReceives: number;
  idempotency: { keyPrefix: string; ttlSeconds: number };
  metrics: { keyPrefix: string; ttlSeconds: number };
}

/** Reads and validates the configuration; throws one error listing every problem. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
): RateLimiterConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      i => `${i.path.join('.') || 'env'}: ${i.message}`,
    );
    throw new Error(
      `invalid rate-limiter configuration:\n  ${problems.join('\n  ')}`,
    );
  }
  const e = parsed.data;
  const limits: RateLimits = {
    capacity: e.RATE_LIMIT_CAPACITY,
    refillIntervalMs: e.RATE_LIMIT_REFILL_INTERVAL_MS,
    windowLimit: e.RATE_LIMIT_WINDOW_LIMIT,
    windowMs: e.RATE_LIMIT_WINDOW_MS,
  };
  return {
    redis: {
      url: e.REDIS_URL,
      authTokenSecretId: e.REDIS_AUTH_TOKEN_SECRET_ID,
      commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
      connectTimeoutMs: e.REDIS_CONNECT_TIMEOUT_MS,
    },
    aws: { region: e.AWS_REGION, endpoint: e.AWS_ENDPOINT_URL },
    queueUrl: e.QUEUE_URL,
    deadLetterQueueUrl: e.DLQ_URL,
    api: {
      baseUrl: e.MESSAGING_API_BASE_URL,
      token: e.MESSAGING_API_TOKEN,
      tokenSecretId: e.MESSAGING_API_TOKEN_SECRET_ID,
      timeoutMs: e.MESSAGING_API_TIMEOUT_MS,
    },
    limits,
    keyPrefix: e.RATE_LIMIT_KEY_PREFIX,
    maxConcurrency: e.MAX_CONCURRENCY,
    fallbackWarmupMs: e.FALLBACK_WARMUP_MS ?? limits.windowMs,
    redisProbeIntervalMs: e.REDIS_PROBE_INTERVAL_MS,
    deferJitterMs: e.DEFER_JITTER_MS,
    // each instance's share of the refill rate: the pace at which its share of
    // a creator's backlog can go out (the fallback share uses the same pace)
    deferSpacingMs:
      e.DEFER_SPACING_MS ?? limits.refillIntervalMs * e.MAX_CONCURRENCY,
    maxDeferrals: e.MAX_DEFERRALS,
    maxReceives: e.MAX_RECEIVES,
    idempotency: {
      keyPrefix: e.IDEMPOTENCY_KEY_PREFIX,
      ttlSeconds: e.IDEMPOTENCY_TTL_SECONDS,
    },
    metrics: {
      keyPrefix: e.METRICS_KEY_PREFIX,
      ttlSeconds: e.METRICS_TTL_SECONDS,
    },
  };
}
