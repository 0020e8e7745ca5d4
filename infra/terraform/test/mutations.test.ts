import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkNamesAgainstAppConfig,
  PROPERTY_CHECKS,
  readPortalResources,
} from '../src/checks';
import { loadModule, TfModule } from '../src/module';
import { APP_CONFIG, MODULE_DIR } from '../src/paths';
import { formatViolations, Violation } from '../src/violations';

/**
 * Each case breaks one property in a scratch copy of the module and expects the check to
 * fail with a message naming the file that was changed.
 */
interface Mutation {
  name: string;
  file: string;
  change: (source: string) => string;
  check: (mod: TfModule) => Violation[] | Promise<Violation[]>;
  expect: RegExp;
}

const replace = (from: string | RegExp, to: string) => (source: string) => {
  const changed = source.replace(from, to);
  if (changed === source)
    throw new Error(`mutation did not apply: ${String(from)}`);
  return changed;
};

const append = (text: string) => (source: string) => `${source}\n${text}\n`;

const mutations: Mutation[] = [
  {
    name: 'deleting rds.force_ssl',
    file: 'rds.tf',
    change: replace(
      /\s*parameter \{\s*name\s*=\s*"rds\.force_ssl"\s*value\s*=\s*"1"\s*\}/,
      '',
    ),
    check: PROPERTY_CHECKS.rdsForceSsl,
    expect: /rds\.force_ssl/,
  },
  {
    name: 'setting maxReceiveCount = 3',
    file: 'sqs.tf',
    change: replace('maxReceiveCount     = 5', 'maxReceiveCount     = 3'),
    check: PROPERTY_CHECKS.queues,
    expect: /maxReceiveCount = 3/,
  },
  {
    name: 'adding an Action = "*" statement as inline JSON',
    file: 'iam_ecs.tf',
    change: append(`resource "aws_iam_role_policy" "admin" {
  role = aws_iam_role.ecs_task.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}`),
    check: PROPERTY_CHECKS.iamWildcards,
    expect: /aws_iam_role_policy\.admin\.policy allows Action "\*"/,
  },
  {
    name: 'adding an actions = ["*"] statement to a policy document',
    file: 'lambda.tf',
    change: replace(
      'data "aws_iam_policy_document" "rate_limiter" {',
      'data "aws_iam_policy_document" "rate_limiter" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n',
    ),
    check: PROPERTY_CHECKS.iamWildcards,
    expect: /data\.aws_iam_policy_document\.rate_limiter allows Action "\*"/,
  },
  {
    name: 'granting a wildcard service action on every resource',
    file: 'iam_ecs.tf',
    change: replace(
      'actions   = ["ecr:GetAuthorizationToken"]',
      'actions   = ["ecr:*"]',
    ),
    check: PROPERTY_CHECKS.iamWildcards,
    expect: /wildcard actions ecr:\* on Resource "\*"/,
  },
  {
    name: 'turning off Redis encryption in transit',
    file: 'elasticache.tf',
    change: replace(
      'transit_encryption_enabled = true',
      'transit_encryption_enabled = false',
    ),
    check: PROPERTY_CHECKS.redis,
    expect: /not encrypted in transit/,
  },
  {
    name: 'letting Redis evict the limiter state (volatile-lru)',
    file: 'elasticache.tf',
    change: replace('value = "noeviction"', 'value = "volatile-lru"'),
    check: PROPERTY_CHECKS.redis,
    expect: /may evict keys/,
  },
  {
    name: 'dropping the Redis user group (no AUTH at all)',
    file: 'elasticache.tf',
    change: replace(
      /user_group_ids = \[aws_elasticache_user_group\.redis\.user_group_id\]/,
      '',
    ),
    check: PROPERTY_CHECKS.redis,
    expect: /has no AUTH/,
  },
  {
    name: "writing the portal Redis user's password in the configuration",
    file: 'elasticache_users.tf',
    change: replace(
      'passwords     = [aws_secretsmanager_secret_version.redis_portal.secret_string]',
      'passwords     = ["a-literal-password-in-the-code"]',
    ),
    check: PROPERTY_CHECKS.redis,
    expect: /has no password from Secrets Manager/,
  },
  {
    name: 'making the trail single-region',
    file: 'cloudtrail.tf',
    change: replace(
      'is_multi_region_trail         = true',
      'is_multi_region_trail         = false',
    ),
    check: PROPERTY_CHECKS.securityServices,
    expect: /is not multi-region/,
  },
  {
    name: 'dropping the deny of non-TLS access on the trail bucket',
    file: 'cloudtrail.tf',
    change: replace('values   = ["false"]', 'values   = ["true"]'),
    check: PROPERTY_CHECKS.securityServices,
    expect: /aws:SecureTransport/,
  },
  {
    name: 'renaming the TTL attribute',
    file: 'dynamodb.tf',
    change: replace(
      'attribute_name = local.ttl_attribute_name',
      'attribute_name = "expires_at"',
    ),
    check: PROPERTY_CHECKS.tables,
    expect: /TTL enabled on attribute "ttl"/,
  },
  {
    name: 'removing ReportBatchItemFailures',
    file: 'lambda.tf',
    change: replace(
      'function_response_types = ["ReportBatchItemFailures"]',
      'function_response_types = []',
    ),
    check: PROPERTY_CHECKS.lambda,
    expect: /ReportBatchItemFailures/,
  },
  {
    name: 'lowering the queue visibility timeout below 6 x the Lambda timeout',
    file: 'sqs.tf',
    change: replace(
      '6 * var.rate_limiter_timeout_seconds',
      '2 * var.rate_limiter_timeout_seconds',
    ),
    check: PROPERTY_CHECKS.visibilityTimeouts,
    expect: /6 x the timeout/,
  },
  {
    name: 'changing the budget notification to 90% forecasted',
    file: 'variables.tf',
    change: replace(/default     = 80\n/, 'default     = 90\n'),
    check: PROPERTY_CHECKS.budget,
    expect: /FORECASTED notification at 80%/,
  },
  {
    name: 'widening log retention validation past 90 days',
    file: 'variables.tf',
    change: replace(
      'contains([30, 60, 90], var.log_retention_days)',
      'var.log_retention_days > 0',
    ),
    check: PROPERTY_CHECKS.logRetention,
    expect: /30-90 day range/,
  },
  {
    name: 'referencing an undeclared resource',
    file: 'outputs.tf',
    change: replace(
      'aws_sqs_queue.rate_limiter.url',
      'aws_sqs_queue.rate_limitr.url',
    ),
    check: PROPERTY_CHECKS.references,
    expect: /undeclared aws_sqs_queue\.rate_limitr/,
  },
  {
    name: 'renaming a queue away from app-config.yaml',
    file: 'sqs.tf',
    change: replace(
      'name                      = local.names.rate_limiter_dlq',
      'name                      = "huntaze-rate-limiter-deadletter"',
    ),
    check: mod =>
      checkNamesAgainstAppConfig(mod, readPortalResources(APP_CONFIG)),
    expect: /huntaze-rate-limiter-dlq/,
  },
  {
    name: 'removing the ECS deployment circuit breaker',
    file: 'ecs_services.tf',
    change: replace(
      /\s*deployment_circuit_breaker \{\s*enable\s*=\s*true\s*rollback\s*=\s*true\s*\}/,
      '',
    ),
    check: PROPERTY_CHECKS.ecsServices,
    expect: /aws_ecs_service\.this has no deployment_circuit_breaker/,
  },
  {
    name: 'turning off the circuit breaker rollback',
    file: 'ecs_services.tf',
    change: replace(/rollback = true/, 'rollback = false'),
    check: PROPERTY_CHECKS.ecsServices,
    expect: /circuit breaker does not roll back/,
  },
  {
    name: 'letting Terraform reset desired_count under auto scaling',
    file: 'ecs_services.tf',
    change: replace(/\n\s*desired_count,/, ''),
    check: PROPERTY_CHECKS.ecsServices,
    expect: /does not ignore_changes desired_count/,
  },
  {
    name: 'removing the memory target-tracking policy',
    file: 'ecs_services.tf',
    change: replace(
      'predefined_metric_type = "ECSServiceAverageMemoryUtilization"',
      'predefined_metric_type = "ECSServiceAverageCPUUtilization"',
    ),
    check: PROPERTY_CHECKS.ecsServices,
    expect: /no target-tracking policy on ECSServiceAverageMemoryUtilization/,
  },
  {
    name: 'scaling on CPU only above the CPU alarm threshold',
    file: 'variables.tf',
    change: replace(
      /(variable "ecs_autoscaling_cpu_target_percent" \{[\s\S]*?default\s*=\s*)60/,
      '$175',
    ),
    check: PROPERTY_CHECKS.ecsServices,
    expect: /ecs_autoscaling_cpu_target_percent" defaults to 75, not below/,
  },
  {
    name: 'dropping the min/max task count validation',
    file: 'variables.tf',
    change: replace(
      's.min_task_count >= 1 && s.max_task_count >= s.min_task_count',
      's.max_task_count <= 100',
    ),
    check: PROPERTY_CHECKS.ecsServices,
    expect: /does not validate min_task_count >= 1/,
  },
  {
    name: 'removing the cost anomaly subscription',
    file: 'cost_anomaly.tf',
    change: replace(
      /resource "aws_ce_anomaly_subscription" "cost_alerts" \{[\s\S]*\n\}\n/,
      '',
    ),
    check: PROPERTY_CHECKS.costAnomalyDetection,
    expect: /no aws_ce_anomaly_subscription/,
  },
  {
    name: 'monitoring linked accounts instead of services',
    file: 'cost_anomaly.tf',
    change: replace(
      'monitor_dimension = "SERVICE"',
      'monitor_dimension = "LINKED_ACCOUNT"',
    ),
    check: PROPERTY_CHECKS.costAnomalyDetection,
    expect: /no aws_ce_anomaly_monitor of type DIMENSIONAL by SERVICE/,
  },
  {
    name: 'taking costalerts.amazonaws.com out of the cost topic policy',
    file: 'sns.tf',
    change: replace(
      'identifiers = ["costalerts.amazonaws.com"]',
      'identifiers = ["budgets.amazonaws.com"]',
    ),
    check: PROPERTY_CHECKS.costAnomalyDetection,
    expect: /does not let costalerts\.amazonaws\.com sns:Publish/,
  },
  {
    name: 'taking costalerts.amazonaws.com out of the key policy',
    file: 'kms.tf',
    change: replace('"costalerts.amazonaws.com", ', ''),
    check: PROPERTY_CHECKS.costAnomalyDetection,
    expect: /does not let costalerts\.amazonaws\.com use the key/,
  },
  {
    name: 'moving objects to Standard-IA instead of Intelligent-Tiering',
    file: 's3_intelligent_tiering.tf',
    change: replace(
      'storage_class = "INTELLIGENT_TIERING"',
      'storage_class = "STANDARD_IA"',
    ),
    check: PROPERTY_CHECKS.storageLifecycle,
    expect: /INTELLIGENT_TIERING/,
  },
  {
    name: 'keeping noncurrent CloudTrail log versions forever',
    file: 'cloudtrail.tf',
    change: replace(
      /\s*noncurrent_version_expiration \{\s*noncurrent_days = var\.noncurrent_version_expiration_days\s*\}/,
      '',
    ),
    check: PROPERTY_CHECKS.storageLifecycle,
    expect:
      /aws_s3_bucket_versioning\.cloudtrail turns versioning on, but no lifecycle rule/,
  },
  {
    name: 'storing a secret without the module key',
    file: 'secrets.tf',
    change: replace(/\n\s*kms_key_id\s*=\s*aws_kms_key\.this\.arn/, ''),
    check: PROPERTY_CHECKS.secrets,
    expect:
      /aws_secretsmanager_secret\.this is not encrypted with the module's KMS key/,
  },
  {
    name: 'writing the database password into the configuration',
    file: 'secrets.tf',
    change: append(`resource "aws_secretsmanager_secret_version" "database" {
  secret_id     = aws_secretsmanager_secret.this["database"].id
  secret_string = var.secret_rotation_days
}`),
    check: PROPERTY_CHECKS.secrets,
    expect: /whose value is set out of band/,
  },
  {
    name: 'rotating a secret before its value is set',
    file: 'secrets.tf',
    change: replace('rotate_immediately = false', 'rotate_immediately = true'),
    check: PROPERTY_CHECKS.secrets,
    expect: /rotates immediately/,
  },
  {
    name: 'pointing the SQS mapping at the function instead of the live alias',
    file: 'lambda.tf',
    change: replace(
      'function_name           = aws_lambda_alias.rate_limiter_live.arn',
      'function_name           = aws_lambda_function.rate_limiter.arn',
    ),
    check: PROPERTY_CHECKS.lambda,
    expect: /does not invoke an alias/,
  },
  {
    name: 'pointing the live alias at $LATEST',
    file: 'lambda.tf',
    change: replace(
      'function_version = coalesce(var.rate_limiter_live_version, aws_lambda_function.rate_limiter.version)',
      'function_version = "$LATEST"',
    ),
    check: PROPERTY_CHECKS.lambda,
    expect: /function_version is not the function's published version/,
  },
];

let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-mutation-'));
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function mutated(m: Mutation, index: number): Promise<TfModule> {
  const dir = path.join(scratch, String(index));
  fs.mkdirSync(dir);
  for (const f of fs.readdirSync(MODULE_DIR).filter(n => n.endsWith('.tf'))) {
    const source = fs.readFileSync(path.join(MODULE_DIR, f), 'utf8');
    fs.writeFileSync(
      path.join(dir, f),
      f === m.file ? m.change(source) : source,
    );
  }
  return loadModule(dir);
}

describe('a broken property fails with a message naming the file', () => {
  it.each(mutations.map((m, i) => [m.name, m, i] as const))(
    '%s',
    async (_name, m, i) => {
      const original = await loadModule(MODULE_DIR);
      expect(formatViolations(await m.check(original))).toBe('');

      const report = formatViolations(await m.check(await mutated(m, i)));
      const lines = report.split('\n').filter(line => m.expect.test(line));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every(line => line.startsWith(`${m.file}: `))).toBe(true);
    },
  );
});
