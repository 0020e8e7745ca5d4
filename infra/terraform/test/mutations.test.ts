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
