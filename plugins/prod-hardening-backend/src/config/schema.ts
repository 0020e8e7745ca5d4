import { DEFAULT_EXEMPTION_MAX_DAYS } from '@prod-hardening/plugin-prod-hardening-common';
import { z } from 'zod';
import { AWS_REGIONS } from './awsRegions';

const positiveMs = z.number().int().positive().max(120_000);

const redisUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Never echo the value: it may carry the AUTH password.
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'is not a valid URL',
    });
    return;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must use redis:// or rediss:// (TLS), not ${url.protocol}//`,
    });
  }
  if (!url.hostname) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'has no host' });
  }
});

const httpUrl = z.string().superRefine((value, ctx) => {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an http(s) URL',
      });
    }
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `is not a valid URL: "${value}"`,
    });
  }
});

/** An AWS resource name or id as written in app-config (no blanks around it). */
const resourceName = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\S+$/, 'must be a name without spaces');

const isoDay = z.string().refine(
  value =>
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
  value => ({
    message: `must be a calendar day written YYYY-MM-DD, not "${value}"`,
  }),
);

const roleArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/,
    'must be an IAM role ARN',
  );

const entityRef = (kind: 'group' | 'user') =>
  z
    .string()
    .regex(
      new RegExp(`^${kind}:[\\w.-]+/[\\w.-]+$`),
      `must be a full ${kind} entity ref like ${kind}:default/name`,
    );

export const prodHardeningConfigSchema = z.object({
  aws: z.object({
    accountId: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    region: z.string().refine(
      r => AWS_REGIONS.has(r),
      r => ({
        message: `is not a known AWS region: "${r}"`,
      }),
    ),
    endpoint: httpUrl.optional(),
    /** The Price List's endpoint when it differs from `endpoint` (tests, a proxy). */
    pricingEndpoint: httpUrl.optional(),
    readRoleArn: roleArn.optional(),
    remediationRoleArn: roleArn.optional(),
    externalId: z.string().min(2).max(1224).optional(),
    connectTimeoutMs: positiveMs.default(1000),
    requestTimeoutMs: positiveMs.default(5000),
    maxAttempts: z.number().int().min(1).max(10).default(3),
  }),
  redis: z
    .object({
      url: redisUrl,
      /** An ACL / ElastiCache RBAC user (the portal's read-only user in production). */
      username: z.string().min(1).max(128).optional(),
      password: z.string().min(1).optional(),
      connectTimeoutMs: positiveMs.default(1000),
      commandTimeoutMs: positiveMs.default(1000),
    })
    .superRefine((redis, ctx) => {
      if (redis.username && !redis.password) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['password'],
          message: 'is required with redis.username',
        });
      }
      // One source for the password, never echoed.
      if (redis.password && URL.canParse(redis.url)) {
        const url = new URL(redis.url);
        if (url.password || url.username) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['url'],
            message:
              'must not carry credentials when redis.username/password are set',
          });
        }
      }
    }),
  rateLimiter: z
    .object({
      keyPrefix: z.string().min(1).default('rate_limit:onlyfans'),
      metricsKeyPrefix: z.string().min(1).default('rate_limit:metrics'),
    })
    .default({}),
  permissions: z
    .object({
      remediators: z
        .object({
          groups: z.array(entityRef('group')).default([]),
          users: z.array(entityRef('user')).default([]),
        })
        .default({}),
      admins: z
        .object({
          groups: z.array(entityRef('group')).default([]),
          users: z.array(entityRef('user')).default([]),
        })
        .default({}),
      /** Who may create and revoke exemptions (default: the security group). */
      exemptions: z
        .object({
          groups: z
            .array(entityRef('group'))
            .default(['group:default/security']),
          users: z.array(entityRef('user')).default([]),
        })
        .default({}),
    })
    .default({}),
  resources: z
    .object({
      tables: z
        .object({
          aiCosts: z.string().default('huntaze-ai-costs-production'),
          costAlerts: z.string().default('huntaze-cost-alerts-production'),
        })
        .default({}),
      queues: z
        .object({
          workflows: z.string().default('huntaze-hybrid-workflows.fifo'),
          workflowsDlq: z.string().default('huntaze-hybrid-workflows-dlq.fifo'),
          rateLimiter: z.string().default('huntaze-rate-limiter-queue'),
          rateLimiterDlq: z.string().default('huntaze-rate-limiter-dlq'),
        })
        .default({}),
      topics: z
        .object({
          costAlerts: z.string().default('huntaze-cost-alerts'),
          securityAlerts: z.string().default('huntaze-security-alerts'),
          opsAlerts: z.string().default('huntaze-ops-alerts'),
        })
        .default({}),
      budgetName: z.string().default('huntaze-monthly-budget'),
      monthlyBudgetUsd: z.number().positive().default(500),
      ecsClusters: z
        .array(z.string())
        .default([
          'huntaze-web-production',
          'huntaze-workers-production',
          'huntaze-ai-production',
        ]),
      redisReplicationGroupId: z.string().default('huntaze-redis'),
      rdsParameterGroupName: z.string().default('huntaze-postgres-production'),
      rdsInstanceId: resourceName.default('huntaze-postgres-production'),
      cloudTrailName: z.string().default('huntaze-trail'),
      ecsServices: z
        .array(z.object({ cluster: resourceName, service: resourceName }))
        .default([
          { cluster: 'huntaze-web-production', service: 'web' },
          { cluster: 'huntaze-workers-production', service: 'workers' },
          { cluster: 'huntaze-ai-production', service: 'ai' },
        ]),
      rateLimiterFunctionName: resourceName.default('huntaze-rate-limiter'),
      /** The alias the rate limiter's SQS event source mapping invokes (rollback = alias update). */
      rateLimiterAlias: resourceName.default('live'),
      /** Buckets whose objects move to S3 Intelligent-Tiering by lifecycle rule. */
      intelligentTieringBuckets: z
        .array(resourceName)
        .default(['huntaze-assets-production', 'huntaze-uploads-production']),
      /** The Cost Anomaly Detection monitor that alerts the cost topic. */
      costAnomalyMonitorName: resourceName.default('huntaze-aws-services'),
      secrets: z
        .array(resourceName)
        .default([
          'huntaze/postgres/password',
          'huntaze/onlyfans/api-token',
          'huntaze/redis/auth-token',
        ]),
      appVpc: resourceName.default('huntaze-production'),
    })
    .default({})
    .superRefine((resources, ctx) => {
      // A service in a cluster the portal does not watch is almost always a typo.
      resources.ecsServices.forEach((s, i) => {
        if (!resources.ecsClusters.includes(s.cluster)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['ecsServices', i, 'cluster'],
            message: `"${s.cluster}" is not one of resources.ecsClusters`,
          });
        }
      });
    }),
  finops: z
    .object({
      /**
       * The day the hardening's cost changes (gateway endpoints, TTL) went live: the 30
       * days before it are the savings targets' baseline.
       */
      savingsChangeDay: isoDay.optional(),
    })
    .default({}),
  exemptions: z
    .object({
      /** The longest an exemption may last, in days. */
      maxDays: z
        .number()
        .int()
        .min(1)
        .max(365)
        .default(DEFAULT_EXEMPTION_MAX_DAYS),
    })
    .default({}),
  /** Four eyes on risky remediations (see domain/approvals). */
  approvals: z
    .object({
      /** Checks whose every remediation needs approval. */
      checks: z
        .array(z.string().regex(/^[a-z0-9-]+$/))
        .default(['s3-account-public-access-block']),
      /** A plan whose preview blockers were overridden needs approval. */
      overriddenBlockers: z.boolean().default(true),
      /** Who may approve any request; the owners of the changed resources may too. */
      approverGroups: z
        .array(entityRef('group'))
        .min(1)
        .default(['group:default/security']),
      /** Hours to decide a request, then hours to execute the approved plan. */
      expiryHours: z.number().int().min(1).max(168).default(24),
    })
    .default({}),
  remediation: z
    .object({
      /**
       * Execute and redrive answer within this deadline whatever AWS does; past it the
       * attempt is "timed out, state unknown" until the history settles it.
       */
      deadlineMs: z.number().int().min(1_000).max(300_000).default(60_000),
    })
    .default({}),
  notifications: z
    .object({
      /** Backstage notifications to the owners; off, the scan task is not scheduled. */
      enabled: z.boolean().default(true),
      /** How often findings, budgets and the limiter are scanned for new notices. */
      frequencyMinutes: z.number().int().min(1).max(1440).default(5),
      /** Delay before the first scan after start-up. */
      initialDelaySeconds: z.number().int().min(0).max(3600).default(60),
      /** Who hears about the budget (forecast over 80 %, actual over 100 %). */
      finopsGroup: entityRef('group').default('group:default/finops'),
      /** The DLQ holding messages this long is an incident for the limiter's owner. */
      dlqMinutes: z.number().int().min(1).max(1440).default(15),
    })
    .default({}),
  runbooks: z
    .object({
      /** Folder of the on-call runbooks (Markdown); default: docs/runbooks above the working directory. */
      directory: z.string().min(1).optional(),
    })
    .default({}),
});

/** The plugin's configuration after validation, with every default applied. */
export type ProdHardeningConfig = z.infer<typeof prodHardeningConfigSchema>;
