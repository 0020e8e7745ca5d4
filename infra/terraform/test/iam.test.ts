import { expandBlocks } from '../src/blocks';
import { checkNoWildcardGrants, checkRoleScope } from '../src/checks';
import { loadModule, resources, TfModule } from '../src/module';
import { MODULE_DIR } from '../src/paths';
import {
  allStatements,
  roleAttachments,
  roleStatements,
} from '../src/policies';
import { assertNoViolations } from '../src/violations';

let mod: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

/** EC2 network-interface actions Lambda needs in a VPC; they have no resource-level permissions. */
const LAMBDA_VPC_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

describe('IAM', () => {
  it('finds the statements of every policy document and inline policy', async () => {
    const statements = await allStatements(mod);
    expect(statements.length).toBeGreaterThan(20);
    expect([...new Set(statements.map(s => s.file))].sort()).toEqual(
      expect.arrayContaining([
        'cloudtrail.tf',
        'iam_ecs.tf',
        'kms.tf',
        'lambda.tf',
        'sns.tf',
      ]),
    );
  });

  it('grants no "*" action, no NotAction and no wildcard action on "*" anywhere', async () => {
    assertNoViolations(checkNoWildcardGrants(await allStatements(mod)));
  });

  it('gives the rate-limiter Lambda only its queues, its two token secrets (and key), and its log group', async () => {
    const statements = await roleStatements(mod, 'rate_limiter');
    expect(statements.length).toBeGreaterThan(0);
    assertNoViolations(
      checkRoleScope(statements, 'rate_limiter', LAMBDA_VPC_ACTIONS, [
        'aws_sqs_queue.rate_limiter.arn',
        'aws_sqs_queue.rate_limiter_dlq.arn',
        'aws_secretsmanager_secret.this["messaging_api"].arn',
        'aws_secretsmanager_secret.redis_auth.arn',
        'aws_kms_key.this.arn',
        'aws_cloudwatch_log_group.rate_limiter.arn',
      ]),
    );
  });

  it('lets the rate-limiter Lambda read the Redis AUTH token secret and nothing else of it', async () => {
    const reads = (await roleStatements(mod, 'rate_limiter')).filter(s =>
      s.resources.includes('${aws_secretsmanager_secret.redis_auth.arn}'),
    );
    expect(reads.map(s => [s.effect, s.actions])).toEqual([
      ['Allow', ['secretsmanager:GetSecretValue']],
    ]);
  });

  it('gives the ECS task execution role only image pulls, its log groups, the database and Redis secrets and the named ones', async () => {
    assertNoViolations(
      checkRoleScope(
        await roleStatements(mod, 'ecs_task_execution'),
        'ecs_task_execution',
        ['ecr:GetAuthorizationToken'],
        [
          'var.ecr_repository_arns',
          'local.ecs_log_group_arn_pattern',
          'var.ecs_secret_arns',
          'aws_secretsmanager_secret.this["database"].arn',
          'aws_secretsmanager_secret.redis_auth.arn',
          'aws_kms_key.this.arn',
        ],
      ),
    );
  });

  it('lets roles use the module key for secrets only through Secrets Manager', async () => {
    const decrypts = [
      ...(await roleStatements(mod, 'rate_limiter')),
      ...(await roleStatements(mod, 'ecs_task_execution')),
    ].filter(s => s.actions.includes('kms:Decrypt'));
    expect(decrypts.map(s => s.sid)).toEqual([
      'DecryptTokenSecrets',
      'DecryptModuleSecrets',
    ]);
    for (const s of decrypts) {
      const doc = mod.blocks.find(
        b => `data.${b.type}.${b.name}` === s.source,
      )!;
      const statement = expandBlocks(mod, doc.body, 'statement').find(
        st => st.sid === s.sid,
      )!;
      expect([s.sid, expandBlocks(mod, statement, 'condition')]).toEqual([
        s.sid,
        [
          {
            test: 'StringEquals',
            variable: 'kms:ViaService',
            values: ['secretsmanager.${local.region}.amazonaws.com'],
          },
        ],
      ]);
    }
  });

  it('gives the ECS task role only the module tables, work queues, cost topic, its key and the listed buckets', async () => {
    assertNoViolations(
      checkRoleScope(
        await roleStatements(mod, 'ecs_task'),
        'ecs_task',
        [],
        [
          'aws_dynamodb_table.ai_costs.arn',
          'aws_dynamodb_table.cost_alerts.arn',
          'aws_sqs_queue.workflows.arn',
          'aws_sqs_queue.rate_limiter.arn',
          'aws_sns_topic.cost_alerts.arn',
          'aws_kms_key.this.arn',
          'var.ecs_task_bucket_arns',
        ],
      ),
    );
  });

  it('attaches no managed policies (they are broader than the workloads need)', () => {
    for (const role of resources(mod, 'aws_iam_role')) {
      expect([
        role.name,
        roleAttachments(mod, role.name).map(a => a.name),
      ]).toEqual([role.name, []]);
      expect(role.body.managed_policy_arns).toBeUndefined();
    }
  });

  it('scopes every service trust policy to this account', async () => {
    const trust = (await allStatements(mod)).filter(s =>
      s.actions.includes('sts:AssumeRole'),
    );
    expect(trust.length).toBeGreaterThan(0);
    for (const s of trust.filter(t =>
      t.principals.some(p => p.endsWith('.amazonaws.com')),
    )) {
      const doc = mod.blocks.find(
        b => `data.${b.type}.${b.name}` === s.source,
      )!;
      expect([s.source, JSON.stringify(doc.body)]).toEqual([
        s.source,
        expect.stringMatching(/aws:Source(Account|Arn)/),
      ]);
    }
  });
});
