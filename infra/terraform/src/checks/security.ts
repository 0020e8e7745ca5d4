import { deref, expandBlocks, mentions } from '../blocks';
import { singleInterpolation, staticValue } from '../expressions';
import {
  Block,
  findResource,
  isBody,
  resources,
  TfModule,
  variables,
} from '../module';
import { violation, Violation } from '../violations';
import {
  block,
  checkServicePublishes,
  isTrue,
  missing,
  redisAuthentication,
  referencedName,
  topicPolicy,
  value,
} from './common';

/** `rds.force_ssl = 1` on every PostgreSQL parameter group. */
export function checkRdsForceSsl(mod: TfModule): Violation[] {
  const groups = resources(mod, 'aws_db_parameter_group');
  if (groups.length === 0) {
    return [
      missing(
        'aws_db_parameter_group',
        'no aws_db_parameter_group with rds.force_ssl = 1',
      ),
    ];
  }
  return groups.flatMap(g => {
    const ssl = expandBlocks(mod, g.body, 'parameter').find(
      p => p.name === 'rds.force_ssl',
    );
    return ssl && String(value(mod, ssl.value)) === '1'
      ? []
      : [violation(g, 'does not set rds.force_ssl = 1 (TLS is not enforced)')];
  });
}

/** Queues: SSE, DLQ redrive after exactly 5 receives, FIFO DLQ for FIFO queues. */
export async function checkQueues(mod: TfModule): Promise<Violation[]> {
  const queues = resources(mod, 'aws_sqs_queue');
  const found: Violation[] = [];
  const dlqs = new Set<string>();
  const redrives = new Map<string, Record<string, unknown>>();
  for (const q of queues) {
    if (q.body.redrive_policy === undefined) continue;
    const policy = await staticValue(q.file, q.body.redrive_policy);
    if (!isBody(policy)) {
      found.push(
        violation(
          q,
          'has a redrive_policy that is not a static jsonencode({...})',
        ),
      );
      continue;
    }
    redrives.set(q.name, policy);
    const target = /aws_sqs_queue\.([A-Za-z0-9_]+)\.arn/.exec(
      String(policy.deadLetterTargetArn),
    );
    if (target) dlqs.add(target[1]);
  }
  for (const q of queues) {
    if (
      !isTrue(mod, q.body.sqs_managed_sse_enabled) &&
      q.body.kms_master_key_id === undefined
    ) {
      found.push(
        violation(
          q,
          'has no server-side encryption (sqs_managed_sse_enabled or kms_master_key_id)',
        ),
      );
    }
    if (dlqs.has(q.name)) continue;
    const policy = redrives.get(q.name);
    if (!policy) {
      if (q.body.redrive_policy === undefined)
        found.push(violation(q, 'has no redrive_policy to a DLQ'));
      continue;
    }
    if (policy.maxReceiveCount !== 5) {
      found.push(
        violation(
          q,
          `redrives after maxReceiveCount = ${String(
            policy.maxReceiveCount,
          )}, the seed says 5`,
        ),
      );
    }
    const target = /aws_sqs_queue\.([A-Za-z0-9_]+)\.arn/.exec(
      String(policy.deadLetterTargetArn),
    );
    const dlq = target && findResource(mod, 'aws_sqs_queue', target[1]);
    if (!dlq) {
      found.push(
        violation(
          q,
          'redrive_policy.deadLetterTargetArn is not a queue of this module',
        ),
      );
    } else if (
      isTrue(mod, q.body.fifo_queue) !== isTrue(mod, dlq.body.fifo_queue)
    ) {
      found.push(
        violation(
          q,
          `and its DLQ aws_sqs_queue.${dlq.name} differ in fifo_queue`,
        ),
      );
    }
  }
  if (queues.length === 0) found.push(missing('aws_sqs_queue', 'no queues'));
  return found;
}

/**
 * A queue consumed by a Lambda has a visibility timeout of at least 6 x the function
 * timeout: literally, or as `N * <the function's timeout expression>` with N >= 6.
 */
export function checkVisibilityTimeouts(mod: TfModule): Violation[] {
  const found: Violation[] = [];
  for (const esm of resources(mod, 'aws_lambda_event_source_mapping')) {
    const queueName = /aws_sqs_queue\.([A-Za-z0-9_]+)\.arn/.exec(
      String(esm.body.event_source_arn),
    )?.[1];
    const queue = queueName && findResource(mod, 'aws_sqs_queue', queueName);
    const fn = lambdaOf(mod, esm);
    if (!queue || !fn) continue;
    const timeout =
      singleInterpolation(fn.body.timeout) ?? String(fn.body.timeout);
    const visibility = deref(mod, queue.body.visibility_timeout_seconds);
    const inner = singleInterpolation(visibility);
    const factor =
      inner &&
      new RegExp(`^(\\d+)\\s*\\*\\s*${escape(timeout)}$`).exec(inner.trim());
    const literal = [value(mod, visibility), value(mod, fn.body.timeout)];
    const ok = factor
      ? Number(factor[1]) >= 6
      : typeof literal[0] === 'number' &&
        typeof literal[1] === 'number' &&
        literal[0] >= 6 * literal[1];
    if (!ok) {
      found.push(
        violation(
          queue,
          `visibility_timeout_seconds must be >= 6 x the timeout of aws_lambda_function.${fn.name}`,
        ),
      );
    }
  }
  return found;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lambdaOf(mod: TfModule, esm: Block): Block | undefined {
  const target = String(esm.body.function_name);
  const direct = /aws_lambda_function\.([A-Za-z0-9_]+)/.exec(target)?.[1];
  if (direct) return findResource(mod, 'aws_lambda_function', direct);
  const aliasName = /aws_lambda_alias\.([A-Za-z0-9_]+)/.exec(target)?.[1];
  const alias = aliasName && findResource(mod, 'aws_lambda_alias', aliasName);
  const fnName =
    alias &&
    /aws_lambda_function\.([A-Za-z0-9_]+)/.exec(
      String(alias.body.function_name),
    )?.[1];
  return fnName ? findResource(mod, 'aws_lambda_function', fnName) : undefined;
}

/** Tables: on-demand, PITR, encryption, TTL on `ttl`, keys declared and all used. */
export function checkTables(mod: TfModule): Violation[] {
  const tables = resources(mod, 'aws_dynamodb_table');
  if (tables.length === 0)
    return [missing('aws_dynamodb_table', 'no DynamoDB tables')];
  return tables.flatMap(t => {
    const found: Violation[] = [];
    if (value(mod, t.body.billing_mode) !== 'PAY_PER_REQUEST')
      found.push(
        violation(t, 'is not on-demand (billing_mode = PAY_PER_REQUEST)'),
      );
    const ttl = block(t.body, 'ttl');
    if (
      !ttl ||
      value(mod, ttl.attribute_name) !== 'ttl' ||
      !isTrue(mod, ttl.enabled)
    ) {
      found.push(violation(t, 'has no TTL enabled on attribute "ttl"'));
    }
    if (!isTrue(mod, block(t.body, 'point_in_time_recovery')?.enabled))
      found.push(violation(t, 'has no point-in-time recovery'));
    if (!isTrue(mod, block(t.body, 'server_side_encryption')?.enabled))
      found.push(violation(t, 'has no server_side_encryption'));
    if (t.body.hash_key !== 'pk' || t.body.range_key !== 'sk')
      found.push(violation(t, "keys are not the seed's pk/sk"));
    const declared = new Set(
      expandBlocks(mod, t.body, 'attribute').map(a => String(a.name)),
    );
    const keys = new Set([String(t.body.hash_key), String(t.body.range_key)]);
    for (const gsi of expandBlocks(mod, t.body, 'global_secondary_index')) {
      for (const k of [gsi.hash_key, gsi.range_key].filter(
        x => x !== undefined,
      ))
        keys.add(String(k));
    }
    for (const k of keys)
      if (!declared.has(k))
        found.push(violation(t, `uses key "${k}" without an attribute block`));
    for (const a of declared)
      if (!keys.has(a))
        found.push(
          violation(
            t,
            `declares attribute "${a}" that no key or index uses (DynamoDB rejects it)`,
          ),
        );
    return found;
  });
}

/** Topics are encrypted with a key and have a policy; AWS Budgets may publish to the budget's topic. */
export function checkTopics(mod: TfModule): Violation[] {
  const topics = resources(mod, 'aws_sns_topic');
  if (topics.length === 0) return [missing('aws_sns_topic', 'no SNS topics')];
  const found: Violation[] = [];
  for (const t of topics) {
    if (t.body.kms_master_key_id === undefined)
      found.push(violation(t, 'is not encrypted (kms_master_key_id)'));
    if (!topicPolicy(mod, t.name))
      found.push(violation(t, 'has no aws_sns_topic_policy'));
  }
  for (const budget of resources(mod, 'aws_budgets_budget')) {
    const topic = referencedName(budget.body.notification, 'aws_sns_topic');
    if (!topic || !topicPolicy(mod, topic)) continue;
    found.push(
      ...checkServicePublishes(
        mod,
        topic,
        'budgets.amazonaws.com',
        `aws_budgets_budget.${budget.name} notifies it`,
      ),
    );
  }
  return found;
}

/** The seed's budget: $500 monthly (variable default), 80% forecasted and 100% actual to the cost topic. */
export function checkBudget(mod: TfModule, expectedUsd: number): Violation[] {
  const budgets = resources(mod, 'aws_budgets_budget');
  if (budgets.length === 0)
    return [missing('aws_budgets_budget', 'no aws_budgets_budget')];
  return budgets.flatMap(b => {
    const found: Violation[] = [];
    if (
      b.body.budget_type !== 'COST' ||
      b.body.time_unit !== 'MONTHLY' ||
      b.body.limit_unit !== 'USD'
    ) {
      found.push(violation(b, 'is not a monthly COST budget in USD'));
    }
    const amountVar = /var\.([A-Za-z0-9_]+)/.exec(
      String(b.body.limit_amount),
    )?.[1];
    const amount = amountVar
      ? value(mod, `\${var.${amountVar}}`)
      : Number(value(mod, b.body.limit_amount));
    if (Number(amount) !== expectedUsd)
      found.push(
        violation(b, `limit is ${String(amount)} USD, expected ${expectedUsd}`),
      );
    const notes = expandBlocks(mod, b.body, 'notification');
    const expect = [
      { type: 'FORECASTED', threshold: 80 },
      { type: 'ACTUAL', threshold: 100 },
    ];
    for (const e of expect) {
      const n = notes.find(x => x.notification_type === e.type);
      const ok =
        n &&
        value(mod, n.threshold) === e.threshold &&
        n.threshold_type === 'PERCENTAGE' &&
        n.comparison_operator === 'GREATER_THAN' &&
        /aws_sns_topic\.[A-Za-z0-9_]+\.arn/.test(
          JSON.stringify(n.subscriber_sns_topic_arns ?? ''),
        );
      if (!ok) {
        const fromVar =
          n && /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(String(n.threshold))?.[1];
        const v = fromVar && variables(mod).find(x => x.name === fromVar);
        found.push(
          v
            ? violation(
                v,
                `defaults to ${String(v.body.default)}: the budget has no ${
                  e.type
                } notification at ${e.threshold}% (seed)`,
              )
            : violation(
                b,
                `has no ${e.type} notification at ${e.threshold}% to an SNS topic`,
              ),
        );
      }
    }
    return found;
  });
}

/** Redis: encrypted at rest with KMS and in transit, AUTH (token or RBAC users) from Secrets Manager, failover, snapshots, no eviction. */
export function checkRedis(mod: TfModule): Violation[] {
  const groups = resources(mod, 'aws_elasticache_replication_group');
  if (groups.length === 0)
    return [
      missing(
        'aws_elasticache_replication_group',
        'no encrypted Redis replication group',
      ),
    ];
  return groups.flatMap(g => {
    const found: Violation[] = [];
    const b = g.body;
    if (!isTrue(mod, b.at_rest_encryption_enabled))
      found.push(violation(g, 'is not encrypted at rest'));
    if (!/aws_kms_key\./.test(String(b.kms_key_id)))
      found.push(
        violation(g, "is not encrypted with the module's KMS key (kms_key_id)"),
      );
    if (!isTrue(mod, b.transit_encryption_enabled))
      found.push(violation(g, 'is not encrypted in transit'));
    found.push(...checkRedisAuthentication(mod, g));
    if (!isTrue(mod, b.automatic_failover_enabled))
      found.push(violation(g, 'has no automatic failover'));
    found.push(...checkNoEviction(mod, g));
    const retention = Number(value(mod, b.snapshot_retention_limit));
    if (!(retention >= 1))
      found.push(violation(g, 'keeps no snapshots (snapshot_retention_limit)'));
    return found;
  });
}

/**
 * The limiter's state and idempotency markers must never be evicted: the group's
 * parameter group is the module's own, with maxmemory-policy noeviction.
 */
function checkNoEviction(mod: TfModule, g: Block): Violation[] {
  const name = referencedName(
    g.body.parameter_group_name,
    'aws_elasticache_parameter_group',
  );
  const group = name
    ? findResource(mod, 'aws_elasticache_parameter_group', name)
    : undefined;
  const policy = group
    ? expandBlocks(mod, group.body, 'parameter').find(
        p => p.name === 'maxmemory-policy',
      )?.value
    : undefined;
  return policy === 'noeviction'
    ? []
    : [
        violation(
          g,
          'may evict keys: its parameter group must be an aws_elasticache_parameter_group with maxmemory-policy = noeviction',
        ),
      ];
}

/**
 * Every client authenticates: with the AUTH token from Secrets Manager, or as an RBAC
 * user whose password comes from Secrets Manager, the group holding a "default" user
 * (ElastiCache requires one; without it, connections before AUTH would be anonymous).
 */
function checkRedisAuthentication(mod: TfModule, g: Block): Violation[] {
  const auth = redisAuthentication(mod, g);
  if (auth.userGroups.length === 0) {
    return auth.authToken
      ? []
      : [
          violation(
            g,
            'has no AUTH: neither an auth_token from Secrets Manager nor an RBAC user group (user_group_ids)',
          ),
        ];
  }
  const found: Violation[] = [];
  if (g.body.auth_token !== undefined)
    found.push(
      violation(
        g,
        'sets both auth_token and user_group_ids (ElastiCache takes one)',
      ),
    );
  if (!auth.users.some(u => u.userName === 'default'))
    found.push(violation(g, 'has a user group without a "default" user'));
  for (const u of auth.users.filter(x => x.passwordVersions.length === 0))
    found.push(
      violation(u.block, 'has no password from Secrets Manager (passwords)'),
    );
  return found;
}

/** GuardDuty, Security Hub + FSBP, multi-region validated CloudTrail, account Block Public Access. */
export function checkSecurityServices(mod: TfModule): Violation[] {
  const found: Violation[] = [];
  const detector = resources(mod, 'aws_guardduty_detector')[0];
  if (!detector)
    found.push(missing('aws_guardduty_detector', 'no GuardDuty detector'));
  else if (!isTrue(mod, detector.body.enable))
    found.push(violation(detector, 'is not enabled'));

  const fsbp = resources(mod, 'aws_securityhub_standards_subscription').find(
    s =>
      String(s.body.standards_arn).includes(
        'aws-foundational-security-best-practices',
      ),
  );
  if (!fsbp)
    found.push(
      missing(
        'aws_securityhub_standards_subscription',
        'no Security Hub FSBP standards subscription',
      ),
    );
  if (resources(mod, 'aws_securityhub_account').length === 0) {
    found.push(
      missing(
        'aws_securityhub_standards_subscription',
        'no aws_securityhub_account',
      ),
    );
  }

  const trails = resources(mod, 'aws_cloudtrail');
  if (trails.length === 0)
    found.push(missing('aws_cloudtrail', 'no CloudTrail trail'));
  for (const t of trails) {
    if (!isTrue(mod, t.body.is_multi_region_trail))
      found.push(violation(t, 'is not multi-region'));
    if (!isTrue(mod, t.body.enable_log_file_validation))
      found.push(violation(t, 'has no log file validation'));
    if (!isTrue(mod, t.body.include_global_service_events))
      found.push(violation(t, 'misses global service events'));
    if (t.body.cloud_watch_logs_group_arn === undefined)
      found.push(violation(t, 'does not deliver to CloudWatch Logs'));
    if (t.body.kms_key_id === undefined)
      found.push(violation(t, 'logs are not KMS-encrypted (kms_key_id)'));
    const bucket = /aws_s3_bucket\.([A-Za-z0-9_]+)\./.exec(
      String(t.body.s3_bucket_name),
    )?.[1];
    if (!bucket)
      found.push(violation(t, 'writes to a bucket outside the module'));
    else found.push(...checkPrivateBucket(mod, bucket));
  }

  const account = resources(mod, 'aws_s3_account_public_access_block')[0];
  if (!account)
    found.push(
      missing(
        'aws_s3_account_public_access_block',
        'no account-level S3 Block Public Access',
      ),
    );
  else found.push(...blocksAllPublicAccess(mod, account));
  return found;
}

function blocksAllPublicAccess(mod: TfModule, b: Block): Violation[] {
  return [
    'block_public_acls',
    'block_public_policy',
    'ignore_public_acls',
    'restrict_public_buckets',
  ]
    .filter(k => !isTrue(mod, b.body[k]))
    .map(k => violation(b, `does not set ${k} = true`));
}

/** A bucket with encryption, a full public access block and a policy denying non-TLS access. */
export function checkPrivateBucket(mod: TfModule, bucket: string): Violation[] {
  const found: Violation[] = [];
  const owner = findResource(mod, 'aws_s3_bucket', bucket);
  if (!owner)
    return [
      { file: 'main.tf', message: `aws_s3_bucket.${bucket} is not declared` },
    ];
  const about = (type: string) =>
    resources(mod, type).find(r =>
      mentions(mod, r.body.bucket, `aws_s3_bucket.${bucket}.`),
    );
  const pab = about('aws_s3_bucket_public_access_block');
  if (!pab)
    found.push(violation(owner, 'has no aws_s3_bucket_public_access_block'));
  else found.push(...blocksAllPublicAccess(mod, pab));
  if (!about('aws_s3_bucket_server_side_encryption_configuration'))
    found.push(violation(owner, 'has no default encryption'));
  const policy = about('aws_s3_bucket_policy');
  const doc =
    policy &&
    /data\.aws_iam_policy_document\.([A-Za-z0-9_]+)\.json/.exec(
      String(policy.body.policy),
    )?.[1];
  const docBlock =
    doc &&
    mod.blocks.find(
      b =>
        b.kind === 'data' &&
        b.name === doc &&
        b.type === 'aws_iam_policy_document',
    );
  const deniesPlainHttp =
    docBlock &&
    expandBlocks(mod, docBlock.body, 'statement').some(
      s =>
        s.effect === 'Deny' &&
        expandBlocks(mod, s, 'condition').some(
          c =>
            c.variable === 'aws:SecureTransport' &&
            JSON.stringify(c.values) === '["false"]',
        ),
    );
  if (!deniesPlainHttp)
    found.push(
      violation(
        owner,
        'has no bucket policy denying aws:SecureTransport = false',
      ),
    );
  return found;
}

/** High/critical GuardDuty and Security Hub findings reach an SNS topic through EventBridge. */
export async function checkFindingRouting(mod: TfModule): Promise<Violation[]> {
  const found: Violation[] = [];
  for (const source of ['aws.guardduty', 'aws.securityhub']) {
    let routed = false;
    for (const rule of resources(mod, 'aws_cloudwatch_event_rule')) {
      const pattern = await staticValue(rule.file, rule.body.event_pattern);
      if (!isBody(pattern) || !JSON.stringify(pattern.source).includes(source))
        continue;
      const target = resources(mod, 'aws_cloudwatch_event_target').find(
        t =>
          mentions(
            mod,
            t.body.rule,
            `aws_cloudwatch_event_rule.${rule.name}.`,
          ) && /aws_sns_topic\./.test(String(t.body.arn)),
      );
      if (target) routed = true;
      else found.push(violation(rule, 'has no SNS topic target'));
    }
    if (!routed)
      found.push(
        missing(
          'aws_cloudwatch_event_rule',
          `no EventBridge rule routes ${source} findings to SNS`,
        ),
      );
  }
  return found;
}

/** Retention variable validated to 30..90 and used by every log group. */
export function checkLogRetention(mod: TfModule): Violation[] {
  const found: Violation[] = [];
  const retention = variables(mod).find(v => v.name === 'log_retention_days');
  if (!retention)
    return [
      {
        file: 'variables.tf',
        message: 'variable "log_retention_days" is missing',
      },
    ];
  const validation = expandBlocks(mod, retention.body, 'validation')[0];
  const def = Number(retention.body.default);
  if (
    !validation ||
    !/30/.test(String(validation.condition)) ||
    !/90/.test(String(validation.condition))
  ) {
    found.push(
      violation(retention, 'has no validation to the 30-90 day range'),
    );
  }
  if (!(def >= 30 && def <= 90))
    found.push(violation(retention, `default ${def} is outside 30-90 days`));
  for (const g of resources(mod, 'aws_cloudwatch_log_group')) {
    if (g.body.retention_in_days !== '${var.log_retention_days}') {
      found.push(
        violation(g, 'retention_in_days is not var.log_retention_days'),
      );
    }
  }
  return found;
}

/** Container Insights on every managed cluster; S3 and DynamoDB gateway endpoints on the route tables. */
export function checkObservabilityAndEndpoints(mod: TfModule): Violation[] {
  const found: Violation[] = [];
  const clusters = resources(mod, 'aws_ecs_cluster');
  if (clusters.length === 0)
    found.push(
      missing('aws_ecs_cluster', 'no ECS clusters with Container Insights'),
    );
  for (const c of clusters) {
    const setting = expandBlocks(mod, c.body, 'setting').find(
      s => s.name === 'containerInsights',
    );
    const v = setting && value(mod, setting.value);
    if (v !== 'enabled' && v !== 'enhanced')
      found.push(violation(c, 'has no Container Insights'));
  }
  for (const service of ['s3', 'dynamodb']) {
    const ep = resources(mod, 'aws_vpc_endpoint').find(e =>
      String(e.body.service_name).endsWith(`.${service}`),
    );
    if (!ep)
      found.push(missing('aws_vpc_endpoint', `no ${service} gateway endpoint`));
    else if (
      ep.body.vpc_endpoint_type !== 'Gateway' ||
      !/var\.route_table_ids/.test(String(ep.body.route_table_ids))
    ) {
      found.push(
        violation(ep, 'is not a Gateway endpoint on var.route_table_ids'),
      );
    }
  }
  return found;
}

export interface ExpectedAlarm {
  what: string;
  namespace: string;
  metric: string;
  comparison: string;
  threshold: number;
}

/** The seed's alarms (Monitoring & Alerts). */
export const SEED_ALARMS: ExpectedAlarm[] = [
  {
    what: 'ECS CPU > 70%',
    namespace: 'AWS/ECS',
    metric: 'CPUUtilization',
    comparison: 'GreaterThanThreshold',
    threshold: 70,
  },
  {
    what: 'ECS memory > 80%',
    namespace: 'AWS/ECS',
    metric: 'MemoryUtilization',
    comparison: 'GreaterThanThreshold',
    threshold: 80,
  },
  {
    what: 'ECS task count < 1',
    namespace: 'ECS/ContainerInsights',
    metric: 'RunningTaskCount',
    comparison: 'LessThanThreshold',
    threshold: 1,
  },
  {
    what: 'RDS CPU > 80%',
    namespace: 'AWS/RDS',
    metric: 'CPUUtilization',
    comparison: 'GreaterThanThreshold',
    threshold: 80,
  },
  {
    what: 'RDS freeable memory < 1 GiB',
    namespace: 'AWS/RDS',
    metric: 'FreeableMemory',
    comparison: 'LessThanThreshold',
    threshold: 1073741824,
  },
  {
    what: 'RDS connections > 80% of max',
    namespace: 'AWS/RDS',
    metric: 'DatabaseConnections',
    comparison: 'GreaterThanThreshold',
    threshold: NaN,
  },
  {
    what: 'SQS oldest message > 300 s',
    namespace: 'AWS/SQS',
    metric: 'ApproximateAgeOfOldestMessage',
    comparison: 'GreaterThanThreshold',
    threshold: 300,
  },
  {
    what: 'SQS visible > 1000',
    namespace: 'AWS/SQS',
    metric: 'ApproximateNumberOfMessagesVisible',
    comparison: 'GreaterThanThreshold',
    threshold: 1000,
  },
  {
    what: 'SQS DLQ depth > 10',
    namespace: 'AWS/SQS',
    metric: 'ApproximateNumberOfMessagesVisible',
    comparison: 'GreaterThanThreshold',
    threshold: 10,
  },
  {
    what: 'Lambda duration > 10 s',
    namespace: 'AWS/Lambda',
    metric: 'Duration',
    comparison: 'GreaterThanThreshold',
    threshold: 10000,
  },
  {
    what: 'Lambda throttles > 0',
    namespace: 'AWS/Lambda',
    metric: 'Throttles',
    comparison: 'GreaterThanThreshold',
    threshold: 0,
  },
  {
    what: 'Lambda errors > 5%',
    namespace: 'AWS/Lambda',
    metric: 'Errors',
    comparison: 'GreaterThanThreshold',
    threshold: 5,
  },
];

/** Every seed alarm exists (threshold from its literal or variable default) and notifies a topic. */
export function checkAlarms(mod: TfModule): Violation[] {
  const alarms = resources(mod, 'aws_cloudwatch_metric_alarm');
  const found: Violation[] = [];
  for (const e of SEED_ALARMS) {
    const match = alarms.find(a => {
      const metrics = [
        { ns: a.body.namespace, name: a.body.metric_name },
        ...expandBlocks(mod, a.body, 'metric_query').flatMap(q =>
          expandBlocks(mod, q, 'metric').map(m => ({
            ns: m.namespace,
            name: m.metric_name,
          })),
        ),
      ];
      const threshold = Number(value(mod, a.body.threshold));
      return (
        metrics.some(m => m.ns === e.namespace && m.name === e.metric) &&
        a.body.comparison_operator === e.comparison &&
        (Number.isNaN(e.threshold) || threshold === e.threshold)
      );
    });
    if (!match)
      found.push(
        missing('aws_cloudwatch_metric_alarm', `no alarm "${e.what}"`),
      );
  }
  for (const a of alarms) {
    if (
      !/aws_sns_topic\./.test(
        JSON.stringify(deref(mod, a.body.alarm_actions) ?? ''),
      )
    ) {
      found.push(violation(a, 'does not notify an SNS topic'));
    }
  }
  return found;
}

/** The SQS mapping reports partial batch failures and caps concurrency; the function publishes versions behind an alias. */
export function checkLambda(mod: TfModule): Violation[] {
  const found: Violation[] = [];
  const mappings = resources(mod, 'aws_lambda_event_source_mapping');
  if (mappings.length === 0)
    found.push(
      missing('aws_lambda_event_source_mapping', 'no SQS event source mapping'),
    );
  for (const m of mappings) {
    if (
      !JSON.stringify(m.body.function_response_types ?? '').includes(
        'ReportBatchItemFailures',
      )
    ) {
      found.push(
        violation(
          m,
          'does not report batch item failures (ReportBatchItemFailures)',
        ),
      );
    }
    const scaling = expandBlocks(mod, m.body, 'scaling_config')[0];
    const max = scaling && Number(value(mod, scaling.maximum_concurrency));
    if (!scaling || !(Number(max) >= 2))
      found.push(
        violation(m, 'has no scaling_config.maximum_concurrency >= 2'),
      );
    if (!/aws_lambda_alias\./.test(String(m.body.function_name)))
      found.push(
        violation(m, 'does not invoke an alias (no instant rollback)'),
      );
  }
  for (const alias of resources(mod, 'aws_lambda_alias')) {
    // Rolling back means pointing the alias at an older published version; an alias on
    // $LATEST has no older version to go back to.
    const fn = referencedName(alias.body.function_name, 'aws_lambda_function');
    if (
      !fn ||
      !new RegExp(`aws_lambda_function\\.${fn}\\.version\\b`).test(
        String(alias.body.function_version),
      )
    ) {
      found.push(
        violation(
          alias,
          "function_version is not the function's published version (aws_lambda_function.<name>.version)",
        ),
      );
    }
  }
  for (const fn of resources(mod, 'aws_lambda_function')) {
    if (!isTrue(mod, fn.body.publish))
      found.push(violation(fn, 'does not publish versions'));
    if (!expandBlocks(mod, fn.body, 'vpc_config').length)
      found.push(violation(fn, 'has no vpc_config to reach Redis'));
  }
  return found;
}
