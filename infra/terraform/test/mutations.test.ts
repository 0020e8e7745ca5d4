import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkNamesAgainstAppConfig,
  PROPERTY_CHECKS,
  readPortalResources,
} from '../src/checks';
import { listTfFiles, loadModule, TfModule } from '../src/module';
import { APP_CONFIG, MODULE_DIR } from '../src/paths';
import { copyTree, initScratch, terraformAvailable } from '../src/terraformCli';
import {
  retargetTestFile,
  TEST_DIR,
  terraformTest,
  TestReport,
} from '../src/terraformTest';
import { formatViolations, Violation } from '../src/violations';

/**
 * Each case breaks one property in a scratch copy of the module and expects it to be
 * caught: by the `terraform test` run that states the property (the run fails with its
 * assertion's message), or, for what Terraform cannot state, by a TypeScript check naming
 * the file that was changed.
 */
interface CaughtByTerraform {
  /** The test file (production-hardening/tests/<test>.tftest.hcl) and run that catch it. */
  test: string;
  run: string;
  /** Matches the failing run's diagnostics (an assertion's error_message, a validation). */
  expect: RegExp;
}

interface CaughtByCheck {
  check: (mod: TfModule) => Violation[] | Promise<Violation[]>;
  expect: RegExp;
}

interface Mutation {
  name: string;
  file: string;
  change: (source: string) => string;
  caughtBy: CaughtByTerraform | CaughtByCheck;
}

const replace = (from: string | RegExp, to: string) => (source: string) => {
  const changed = source.replace(from, to);
  if (changed === source)
    throw new Error(`mutation did not apply: ${String(from)}`);
  return changed;
};

const append = (text: string) => (source: string) => `${source}\n${text}\n`;

/**
 * Every mutation there has been: moving a property from TypeScript to `terraform test`
 * keeps its mutation, so none may disappear from the list below.
 */
const ALL_MUTATIONS = [
  'deleting rds.force_ssl',
  'setting maxReceiveCount = 3',
  'adding an Action = "*" statement as inline JSON',
  'adding an actions = ["*"] statement to a policy document',
  'granting a wildcard service action on every resource',
  'turning off Redis encryption in transit',
  'letting Redis evict the limiter state (volatile-lru)',
  'dropping the Redis user group (no AUTH at all)',
  "writing the portal Redis user's password in the configuration",
  'making the trail single-region',
  'dropping the deny of non-TLS access on the trail bucket',
  'renaming the TTL attribute',
  'removing ReportBatchItemFailures',
  'lowering the queue visibility timeout below 6 x the Lambda timeout',
  'changing the budget notification to 90% forecasted',
  'widening log retention validation past 90 days',
  'referencing an undeclared resource',
  'renaming a queue away from app-config.yaml',
  'removing the ECS deployment circuit breaker',
  'turning off the circuit breaker rollback',
  'letting Terraform reset desired_count under auto scaling',
  'removing the memory target-tracking policy',
  'scaling on CPU only above the CPU alarm threshold',
  'dropping the min/max task count validation',
  'removing the cost anomaly subscription',
  'monitoring linked accounts instead of services',
  'taking costalerts.amazonaws.com out of the cost topic policy',
  'taking costalerts.amazonaws.com out of the key policy',
  'moving objects to Standard-IA instead of Intelligent-Tiering',
  'keeping noncurrent CloudTrail log versions forever',
  'storing a secret without the module key',
  'writing the database password into the configuration',
  'rotating a secret before its value is set',
  'pointing the SQS mapping at the function instead of the live alias',
  'pointing the live alias at $LATEST',
  'turning off KMS key rotation',
  'dropping deletion protection from a table',
  'disabling the GuardDuty detector',
];

const mutations: Mutation[] = [
  {
    name: 'deleting rds.force_ssl',
    file: 'rds.tf',
    change: replace(
      /\s*parameter \{\s*name\s*=\s*"rds\.force_ssl"\s*value\s*=\s*"1"\s*\}/,
      '',
    ),
    caughtBy: {
      test: 'rds',
      run: 'postgres_requires_tls',
      expect: /rds\.force_ssl = 1/,
    },
  },
  {
    name: 'setting maxReceiveCount = 3',
    file: 'sqs.tf',
    change: replace('maxReceiveCount     = 5', 'maxReceiveCount     = 3'),
    caughtBy: {
      test: 'queues',
      run: 'queues_are_encrypted_and_dead_letter_after_five_receives',
      expect: /must dead-letter after maxReceiveCount = 5 \(seed\);.*: 3\b/,
    },
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
    caughtBy: {
      check: PROPERTY_CHECKS.iamWildcards,
      expect: /aws_iam_role_policy\.admin\.policy allows Action "\*"/,
    },
  },
  {
    name: 'adding an actions = ["*"] statement to a policy document',
    file: 'lambda.tf',
    change: replace(
      'data "aws_iam_policy_document" "rate_limiter" {',
      'data "aws_iam_policy_document" "rate_limiter" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n',
    ),
    caughtBy: {
      check: PROPERTY_CHECKS.iamWildcards,
      expect: /data\.aws_iam_policy_document\.rate_limiter allows Action "\*"/,
    },
  },
  {
    name: 'granting a wildcard service action on every resource',
    file: 'iam_ecs.tf',
    change: replace(
      'actions   = ["ecr:GetAuthorizationToken"]',
      'actions   = ["ecr:*"]',
    ),
    caughtBy: {
      check: PROPERTY_CHECKS.iamWildcards,
      expect: /wildcard actions ecr:\* on Resource "\*"/,
    },
  },
  {
    name: 'turning off Redis encryption in transit',
    file: 'elasticache.tf',
    change: replace(
      'transit_encryption_enabled = true',
      'transit_encryption_enabled = false',
    ),
    caughtBy: {
      test: 'redis',
      run: 'redis_is_encrypted_authenticated_and_never_evicts',
      expect: /not encrypted in transit/,
    },
  },
  {
    name: 'letting Redis evict the limiter state (volatile-lru)',
    file: 'elasticache.tf',
    change: replace('value = "noeviction"', 'value = "volatile-lru"'),
    caughtBy: {
      test: 'redis',
      run: 'redis_is_encrypted_authenticated_and_never_evicts',
      expect: /Redis may evict keys/,
    },
  },
  {
    name: 'dropping the Redis user group (no AUTH at all)',
    file: 'elasticache.tf',
    change: replace(
      /user_group_ids = \[aws_elasticache_user_group\.redis\.user_group_id\]/,
      '',
    ),
    caughtBy: {
      test: 'redis',
      run: 'redis_is_encrypted_authenticated_and_never_evicts',
      expect: /has no AUTH/,
    },
  },
  {
    name: "writing the portal Redis user's password in the configuration",
    file: 'elasticache_users.tf',
    change: replace(
      'passwords     = [aws_secretsmanager_secret_version.redis_portal.secret_string]',
      'passwords     = ["a-literal-password-in-the-code"]',
    ),
    caughtBy: {
      test: 'redis',
      run: 'redis_is_encrypted_authenticated_and_never_evicts',
      expect:
        /aws_elasticache_user\.portal has no password from Secrets Manager/,
    },
  },
  {
    name: 'making the trail single-region',
    file: 'cloudtrail.tf',
    change: replace(
      'is_multi_region_trail         = true',
      'is_multi_region_trail         = false',
    ),
    caughtBy: {
      test: 'security_services',
      run: 'trail_is_multi_region_validated_and_encrypted',
      expect: /is not multi-region/,
    },
  },
  {
    name: 'dropping the deny of non-TLS access on the trail bucket',
    file: 'cloudtrail.tf',
    change: replace('values   = ["false"]', 'values   = ["true"]'),
    caughtBy: {
      test: 'security_services',
      run: 'trail_bucket_is_private_encrypted_and_tls_only',
      expect: /aws:SecureTransport = false/,
    },
  },
  {
    name: 'renaming the TTL attribute',
    file: 'dynamodb.tf',
    change: replace(
      'attribute_name = local.ttl_attribute_name',
      'attribute_name = "expires_at"',
    ),
    caughtBy: {
      test: 'tables',
      run: 'tables_are_recoverable_encrypted_and_expire_on_ttl',
      expect: /TTL enabled on attribute "ttl"/,
    },
  },
  {
    name: 'removing ReportBatchItemFailures',
    file: 'lambda.tf',
    change: replace(
      'function_response_types = ["ReportBatchItemFailures"]',
      'function_response_types = []',
    ),
    caughtBy: {
      test: 'lambda',
      run: 'mapping_reports_partial_failures_through_the_live_alias',
      expect: /ReportBatchItemFailures/,
    },
  },
  {
    name: 'lowering the queue visibility timeout below 6 x the Lambda timeout',
    file: 'sqs.tf',
    change: replace(
      '6 * var.rate_limiter_timeout_seconds',
      '2 * var.rate_limiter_timeout_seconds',
    ),
    caughtBy: {
      test: 'queues',
      run: 'visibility_timeout_is_at_least_six_lambda_timeouts',
      expect: /must be >= 6 x the rate-limiter Lambda timeout/,
    },
  },
  {
    name: 'changing the budget notification to 90% forecasted',
    file: 'variables.tf',
    change: replace(/default     = 80\n/, 'default     = 90\n'),
    caughtBy: {
      test: 'budget',
      run: 'budgets_500_usd_with_forecasted_and_actual_alerts',
      expect: /at 80% FORECASTED/,
    },
  },
  {
    name: 'widening log retention validation past 90 days',
    file: 'variables.tf',
    change: replace(
      'contains([30, 60, 90], var.log_retention_days)',
      'var.log_retention_days > 0',
    ),
    caughtBy: {
      test: 'logs',
      run: 'rejects_retention_above_90_days',
      expect: /var\.log_retention_days/,
    },
  },
  {
    name: 'referencing an undeclared resource',
    file: 'outputs.tf',
    change: replace(
      'aws_sqs_queue.rate_limiter.url',
      'aws_sqs_queue.rate_limitr.url',
    ),
    caughtBy: {
      test: 'queues',
      run: 'queues_are_encrypted_and_dead_letter_after_five_receives',
      expect: /"aws_sqs_queue" "rate_limitr" has not been declared/,
    },
  },
  {
    name: 'renaming a queue away from app-config.yaml',
    file: 'sqs.tf',
    change: replace(
      'name                      = local.names.rate_limiter_dlq',
      'name                      = "huntaze-rate-limiter-deadletter"',
    ),
    caughtBy: {
      check: mod =>
        checkNamesAgainstAppConfig(mod, readPortalResources(APP_CONFIG)),
      expect: /huntaze-rate-limiter-dlq/,
    },
  },
  {
    name: 'removing the ECS deployment circuit breaker',
    file: 'ecs_services.tf',
    change: replace(
      /\s*deployment_circuit_breaker \{\s*enable\s*=\s*true\s*rollback\s*=\s*true\s*\}/,
      '',
    ),
    caughtBy: {
      test: 'ecs_services',
      run: 'services_roll_back_failed_deployments',
      expect: /has no deployment_circuit_breaker/,
    },
  },
  {
    name: 'turning off the circuit breaker rollback',
    file: 'ecs_services.tf',
    change: replace(/rollback = true/, 'rollback = false'),
    caughtBy: {
      test: 'ecs_services',
      run: 'services_roll_back_failed_deployments',
      expect: /circuit breaker does not roll back/,
    },
  },
  {
    name: 'letting Terraform reset desired_count under auto scaling',
    file: 'ecs_services.tf',
    change: replace(/\n\s*desired_count,/, ''),
    caughtBy: {
      check: PROPERTY_CHECKS.desiredCountLeftToAutoScaling,
      expect: /does not ignore_changes desired_count/,
    },
  },
  {
    name: 'removing the memory target-tracking policy',
    file: 'ecs_services.tf',
    change: replace(
      'predefined_metric_type = "ECSServiceAverageMemoryUtilization"',
      'predefined_metric_type = "ECSServiceAverageCPUUtilization"',
    ),
    caughtBy: {
      test: 'ecs_services',
      run: 'services_scale_on_cpu_and_memory_below_their_alarms',
      expect: /target-tracking policy on ECSServiceAverageMemoryUtilization/,
    },
  },
  {
    name: 'scaling on CPU only above the CPU alarm threshold',
    file: 'variables.tf',
    change: replace(
      /(variable "ecs_autoscaling_cpu_target_percent" \{[\s\S]*?default\s*=\s*)60/,
      '$175',
    ),
    caughtBy: {
      test: 'ecs_services',
      run: 'services_scale_on_cpu_and_memory_below_their_alarms',
      expect:
        /cpu_target_percent must be below ecs_cpu_alarm_threshold_percent|CPU scaling target must be below/,
    },
  },
  {
    name: 'dropping the min/max task count validation',
    file: 'variables.tf',
    change: replace(
      's.min_task_count >= 1 && s.max_task_count >= s.min_task_count',
      's.max_task_count <= 100',
    ),
    caughtBy: {
      test: 'ecs_services',
      run: 'rejects_a_service_that_may_scale_to_zero',
      expect: /var\.ecs_services/,
    },
  },
  {
    name: 'removing the cost anomaly subscription',
    file: 'cost_anomaly.tf',
    change: replace(
      /resource "aws_ce_anomaly_subscription" "cost_alerts" \{[\s\S]*\n\}\n/,
      '',
    ),
    caughtBy: {
      test: 'cost_anomaly',
      run: 'anomalies_of_every_service_reach_the_cost_topic',
      expect: /aws_ce_anomaly_subscription/,
    },
  },
  {
    name: 'monitoring linked accounts instead of services',
    file: 'cost_anomaly.tf',
    change: replace(
      'monitor_dimension = "SERVICE"',
      'monitor_dimension = "LINKED_ACCOUNT"',
    ),
    caughtBy: {
      test: 'cost_anomaly',
      run: 'anomalies_of_every_service_reach_the_cost_topic',
      // The provider's own schema validation rejects it before the assertion runs.
      expect:
        /monitor_dimension to be one of \["SERVICE"\], got LINKED_ACCOUNT|DIMENSIONAL by SERVICE/,
    },
  },
  {
    name: 'taking costalerts.amazonaws.com out of the cost topic policy',
    file: 'sns.tf',
    change: replace(
      'identifiers = ["costalerts.amazonaws.com"]',
      'identifiers = ["budgets.amazonaws.com"]',
    ),
    caughtBy: {
      test: 'topics',
      run: 'topics_are_encrypted_and_let_their_publishers_publish',
      expect: /let costalerts\.amazonaws\.com sns:Publish/,
    },
  },
  {
    name: 'taking costalerts.amazonaws.com out of the key policy',
    file: 'kms.tf',
    change: replace('"costalerts.amazonaws.com", ', ''),
    caughtBy: {
      test: 'kms',
      run: 'key_rotates_and_lets_publishing_services_use_it',
      expect: /missing: \["costalerts\.amazonaws\.com"\]/,
    },
  },
  {
    name: 'moving objects to Standard-IA instead of Intelligent-Tiering',
    file: 's3_intelligent_tiering.tf',
    change: replace(
      'storage_class = "INTELLIGENT_TIERING"',
      'storage_class = "STANDARD_IA"',
    ),
    caughtBy: {
      test: 'storage',
      run: 'listed_buckets_tier_and_expire_noncurrent_versions',
      expect: /INTELLIGENT_TIERING from day 0/,
    },
  },
  {
    name: 'keeping noncurrent CloudTrail log versions forever',
    file: 'cloudtrail.tf',
    change: replace(
      /\s*noncurrent_version_expiration \{\s*noncurrent_days = var\.noncurrent_version_expiration_days\s*\}/,
      '',
    ),
    caughtBy: {
      test: 'storage',
      run: 'listed_buckets_tier_and_expire_noncurrent_versions',
      expect:
        /aws_s3_bucket_versioning\.cloudtrail turns versioning on, but no lifecycle rule/,
    },
  },
  {
    name: 'storing a secret without the module key',
    file: 'secrets.tf',
    change: replace(/\n\s*kms_key_id\s*=\s*aws_kms_key\.this\.arn/, ''),
    caughtBy: {
      test: 'secrets',
      run: 'seed_secrets_are_encrypted_and_recoverable',
      expect:
        /aws_secretsmanager_secret\.this is not encrypted with the module's KMS key/,
    },
  },
  {
    name: 'writing the database password into the configuration',
    file: 'secrets.tf',
    change: append(`resource "aws_secretsmanager_secret_version" "database" {
  secret_id     = aws_secretsmanager_secret.this["database"].id
  secret_string = var.secret_rotation_days
}`),
    caughtBy: {
      check: PROPERTY_CHECKS.secretValuesOutOfConfiguration,
      expect: /whose value is set out of band/,
    },
  },
  {
    name: 'rotating a secret before its value is set',
    file: 'secrets.tf',
    change: replace('rotate_immediately = false', 'rotate_immediately = true'),
    caughtBy: {
      test: 'secrets',
      run: 'rotates_where_a_function_is_given_after_the_value_is_set',
      expect: /rotates immediately/,
    },
  },
  {
    name: 'pointing the SQS mapping at the function instead of the live alias',
    file: 'lambda.tf',
    change: replace(
      'function_name           = aws_lambda_alias.rate_limiter_live.arn',
      'function_name           = aws_lambda_function.rate_limiter.arn',
    ),
    caughtBy: {
      test: 'lambda',
      run: 'mapping_reports_partial_failures_through_the_live_alias',
      expect: /does not invoke an alias/,
    },
  },
  {
    name: 'pointing the live alias at $LATEST',
    file: 'lambda.tf',
    change: replace(
      'function_version = coalesce(var.rate_limiter_live_version, aws_lambda_function.rate_limiter.version)',
      'function_version = "$LATEST"',
    ),
    caughtBy: {
      test: 'lambda',
      run: 'mapping_reports_partial_failures_through_the_live_alias',
      expect: /is not the function's published version/,
    },
  },
  {
    name: 'turning off KMS key rotation',
    file: 'kms.tf',
    change: replace(
      'enable_key_rotation     = true',
      'enable_key_rotation     = false',
    ),
    caughtBy: {
      test: 'kms',
      run: 'key_rotates_and_lets_publishing_services_use_it',
      expect: /must have key rotation enabled/,
    },
  },
  {
    name: 'dropping deletion protection from a table',
    file: 'dynamodb.tf',
    change: replace(
      'deletion_protection_enabled = true',
      'deletion_protection_enabled = false',
    ),
    caughtBy: {
      test: 'tables',
      run: 'tables_are_recoverable_encrypted_and_expire_on_ttl',
      expect: /must have deletion protection/,
    },
  },
  {
    name: 'disabling the GuardDuty detector',
    file: 'guardduty.tf',
    change: replace(
      'enable                       = true',
      'enable                       = false',
    ),
    caughtBy: {
      test: 'security_services',
      run: 'security_services_are_on',
      expect: /GuardDuty must be enabled/,
    },
  },
];

const byTerraform = (
  m: Mutation,
): m is Mutation & { caughtBy: CaughtByTerraform } => 'test' in m.caughtBy;

function mutatedSource(m: Mutation, file: string, source: string): string {
  return file === m.file ? m.change(source) : source;
}

/** The module's .tf files, with `m` applied, written to `dir`. */
function writeMutatedModule(m: Mutation, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of listTfFiles(MODULE_DIR)) {
    const source = fs.readFileSync(path.join(MODULE_DIR, f), 'utf8');
    fs.writeFileSync(path.join(dir, f), mutatedSource(m, f, source));
  }
}

describe('every mutation is still caught', () => {
  it('keeps every mutation, each caught by a terraform test run or a TypeScript check', () => {
    expect(mutations.map(m => m.name)).toEqual(ALL_MUTATIONS);
  });
});

describe('a broken property fails a TypeScript check naming the file', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-mutation-'));
  });

  afterAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const checked = mutations.filter(m => !byTerraform(m));
  it.each(checked.map((m, i) => [m.name, m, i] as const))(
    '%s',
    async (_name, m, i) => {
      const { check, expect: pattern } = m.caughtBy as CaughtByCheck;
      const original = await loadModule(MODULE_DIR);
      expect(formatViolations(await check(original))).toBe('');

      const dir = path.join(scratch, String(i));
      writeMutatedModule(m, dir);
      const report = formatViolations(await check(await loadModule(dir)));
      const lines = report.split('\n').filter(line => pattern.test(line));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every(line => line.startsWith(`${m.file}: `))).toBe(true);
    },
  );
});

const { available, reason } = terraformAvailable();

// One terraform test planning ~30 mutated copies: about a minute on two shared cores.
jest.setTimeout(600_000);

if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`terraform test mutations skipped: ${reason}`);
}

(available ? describe : describe.skip)(
  available
    ? 'a broken property fails the terraform test run that states it'
    : `terraform test mutations (skipped: ${reason})`,
  () => {
    const planned = mutations.filter(byTerraform);
    let report: TestReport;
    let cleanup = () => {};

    // One `terraform test` for every mutation: each mutated copy is a module (./m<i>) that
    // a retargeted copy of its run plans, so the provider schema loads once. The same runs
    // pass on the unmutated module (test/terraformTest.test.ts).
    beforeAll(async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-mutations-'));
      const tests = path.join(root, TEST_DIR);
      copyTree(path.join(MODULE_DIR, TEST_DIR), tests);
      for (const f of fs
        .readdirSync(tests)
        .filter(n => n.endsWith('.tftest.hcl')))
        fs.rmSync(path.join(tests, f));
      fs.writeFileSync(
        path.join(root, 'versions.tf'),
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n',
      );
      planned.forEach((m, i) => {
        writeMutatedModule(m, path.join(root, `m${i}`));
        const source = fs.readFileSync(
          path.join(MODULE_DIR, TEST_DIR, `${m.caughtBy.test}.tftest.hcl`),
          'utf8',
        );
        fs.writeFileSync(
          path.join(tests, `m${i}.tftest.hcl`),
          retargetTestFile(source, `./m${i}`, [m.caughtBy.run]),
        );
      });
      const scratch = await initScratch(root);
      fs.rmSync(root, { recursive: true, force: true });
      cleanup = scratch.cleanup;
      if (scratch.init.code !== 0) throw new Error(scratch.init.stderr);
      report = await terraformTest(scratch.cwd, scratch.dataDir);
    });

    afterAll(() => cleanup());

    it.each(planned.map((m, i) => [m.name, m, i] as const))(
      '%s',
      (_name, m, i) => {
        const file = report.files[`${TEST_DIR}/m${i}.tftest.hcl`];
        const failed = Object.entries(file?.runs ?? {})
          .filter(([, status]) => status !== 'pass')
          .map(([run]) => run);
        const messages = (file?.diagnostics ?? [])
          .filter(d => d.severity === 'error')
          .map(d => `${d.summary}: ${d.detail}`);
        expect({ failed, messages }).toEqual({
          failed: [m.caughtBy.run],
          messages: expect.arrayContaining([
            expect.stringMatching(m.caughtBy.expect),
          ]),
        });
      },
    );
  },
);
