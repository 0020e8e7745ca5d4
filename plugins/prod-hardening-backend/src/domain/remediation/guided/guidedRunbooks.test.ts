import type {
  GuidedCommand,
  GuidedRunbook,
} from '@prod-hardening/plugin-prod-hardening-common';
import { execFileSync } from 'node:child_process';
import { elastiCacheMigrationFacts, iamFacts, rdsFacts } from './testFacts';
import {
  elastiCacheMigrationRunbook,
  iamLeastPrivilegeRunbook,
  rdsForceSslRunbook,
} from '.';
import { encryptedGroupId } from './elastiCacheMigration';
import {
  moduleNames,
  replicationGroupIdOf,
  resourceToRemediate,
} from './moduleNames';
import { hclString, shellCommand, shellQuote } from './quoting';

const commandsOf = (steps: GuidedRunbook['steps']): GuidedCommand[] =>
  steps.flatMap(s => [...s.commands, ...s.verify]);
const allText = (r: GuidedRunbook) =>
  commandsOf([...r.steps, ...r.rollback])
    .map(c => c.command)
    .join('\n');

/** What a POSIX shell makes of a command line: its words, with nothing executed. */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], {
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

describe('shell and Terraform quoting', () => {
  it('keeps plain identifiers bare and single-quotes anything else', () => {
    expect(shellQuote('huntaze-redis')).toBe('huntaze-redis');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it.each([
    ["redis'; rm -rf / #"],
    ['$(touch /tmp/pwned)'],
    ['`id`'],
    ['a"b\\c'],
    ['*'],
    ['line\nbreak'],
  ])('hands %j to the shell as one literal word', odd => {
    expect(shellWords(shellCommand(odd, 'next'))).toEqual([odd, 'next']);
  });

  it('escapes quotes, backslashes and interpolation in HCL strings', () => {
    expect(hclString('a"b')).toBe('"a\\"b"');
    expect(hclString('${var.x}')).toBe('"$${var.x}"');
    expect(hclString('%{ if x }')).toBe('"%%{ if x }"');
    expect(hclString('c:\\d')).toBe('"c:\\\\d"');
  });
});

describe('ElastiCache encryption migration runbook', () => {
  const runbook = elastiCacheMigrationRunbook(elastiCacheMigrationFacts());

  it('uses the group, node type, subnet group, security groups, parameter group and region it read', () => {
    const text = allText(runbook);
    expect(text).toContain('--replication-group-id huntaze-redis ');
    expect(text).toContain('--cache-node-type cache.r6g.large');
    expect(text).toContain('SUBNET_GROUP=huntaze-private');
    expect(text).toContain("SECURITY_GROUPS='sg-0a1 sg-0b2'");
    expect(text).toContain('PARAMETER_GROUP=default.redis7');
    expect(text).toContain('--region eu-west-1');
    expect(text).toContain('--engine-version 7.1');
    expect(text).toContain(
      '--snapshot-name huntaze-redis-pre-encryption-20261120-1200',
    );
    expect(runbook.facts).toMatchObject({
      account: '210987654321',
      subnetGroup: 'huntaze-private',
      securityGroups: 'sg-0a1, sg-0b2',
      primaryEndpoint: 'master.huntaze-redis.abc.euw1.cache.amazonaws.com',
    });
    expect(runbook.unreadFacts).toEqual([]);
  });

  it('restores into a new encrypted group with TLS, AUTH and KMS', () => {
    const restore = runbook.steps[2].commands.find(c =>
      c.command.includes('create-replication-group'),
    )!;
    expect(restore.mutates).toBe(true);
    for (const flag of [
      '--replication-group-id huntaze-redis-enc',
      '--at-rest-encryption-enabled',
      '--transit-encryption-enabled',
      '--auth-token "$TOKEN"',
      '--kms-key-id alias/huntaze-production-hardening',
      '--num-cache-clusters 2',
      '--automatic-failover-enabled',
    ])
      expect(restore.command).toContain(flag);
  });

  it('changes nothing before the snapshot step', () => {
    const commands = commandsOf(runbook.steps);
    const firstChange = commands.findIndex(c => c.mutates);
    expect(commands[firstChange].command).toContain(
      'aws elasticache create-snapshot --replication-group-id huntaze-redis',
    );
    expect(
      commands
        .slice(0, firstChange)
        .every(c =>
          /^(\w+=|aws \S+ (describe|get|list|wait)-?)/.test(c.command),
        ),
    ).toBe(true);
  });

  it('orders snapshot → restore → switch → delete, and says the downtime', () => {
    const order = [
      'create-snapshot',
      'create-replication-group',
      'update-service',
      'delete-replication-group',
    ].map(op =>
      runbook.steps.findIndex(s =>
        s.commands.some(c => c.command.includes(op)),
      ),
    );
    expect(order).toEqual([1, 2, 3, 4]);
    expect(runbook.expectedDowntime).toMatch(/5 minutes/);
    expect(runbook.references).toContain(
      'docs/runbooks/elasticache-migration.md',
    );
  });

  it('has a rollback for each stage: before the switch, after it, after the delete', () => {
    expect(runbook.rollback).toHaveLength(3);
    const text = commandsOf(runbook.rollback)
      .map(c => c.command)
      .join('\n');
    expect(text).toContain(
      'delete-replication-group --replication-group-id huntaze-redis-enc',
    );
    expect(text).toContain(
      'update-alias --function-name huntaze-rate-limiter --name live',
    );
    expect(text).toContain('--snapshot-name huntaze-redis-final-20261120');
    expect(runbook.rollback[1].detail).toContain(
      'master.huntaze-redis.abc.euw1.cache.amazonaws.com',
    );
  });

  it('gives Terraform that matches the module: KMS, TLS, AUTH from the secret, the read network settings', () => {
    const tf = runbook.terraform.snippet;
    expect(tf).toContain(
      'resource "aws_elasticache_replication_group" "huntaze_redis_enc"',
    );
    expect(tf).toContain('at_rest_encryption_enabled = true');
    expect(tf).toContain('transit_encryption_enabled = true');
    expect(tf).toContain('secret_id = "huntaze/redis/auth-token"');
    expect(tf).toContain('subnet_group_name  = "huntaze-private"');
    expect(tf).toContain('security_group_ids = ["sg-0a1", "sg-0b2"]');
    expect(tf).toContain('node_type            = "cache.r6g.large"');
    expect(tf).toContain('ignore_changes = [snapshot_name]');
    expect(runbook.terraform.commands[0].command).toBe(
      'terraform import aws_elasticache_replication_group.huntaze_redis_enc huntaze-redis-enc',
    );
  });

  it('looks up what it could not read instead of inventing it', () => {
    const degraded = elastiCacheMigrationRunbook(
      elastiCacheMigrationFacts({
        subnetGroup: undefined,
        securityGroupIds: undefined,
        parameterGroup: undefined,
        nodeType: undefined,
      }),
    );
    expect(degraded.unreadFacts).toEqual([
      'node type',
      'cache subnet group',
      'security groups',
      'parameter group',
    ]);
    const text = allText(degraded);
    expect(text).toContain(
      "SUBNET_GROUP=$(aws elasticache describe-cache-clusters --cache-cluster-id huntaze-redis-001 --query 'CacheClusters[0].CacheSubnetGroupName' --output text --region eu-west-1)",
    );
    expect(text).toContain('NODE_TYPE=$(aws elasticache');
    expect(text).toContain('--cache-node-type "$NODE_TYPE"');
    expect(degraded.terraform.snippet).toContain(
      'subnet_group_name  = var.redis_subnet_group_name',
    );
  });

  it('quotes odd identifiers so the shell and Terraform see them literally', () => {
    const odd = "cache'; touch pwned #";
    const r = elastiCacheMigrationRunbook(
      elastiCacheMigrationFacts({ replicationGroupId: odd }),
    );
    const describe = r.steps[0].commands[0].command;
    expect(shellWords(describe.replace(/--query .*$/, ''))).toEqual([
      'aws',
      'elasticache',
      'describe-replication-groups',
      '--replication-group-id',
      odd,
    ]);
    expect(r.terraform.snippet).toContain(
      `description          = "Encrypted copy of ${odd}"`,
    );
  });

  it('keeps the new group id within 40 characters', () => {
    const id = encryptedGroupId('a'.repeat(40));
    expect(id).toHaveLength(40);
    expect(id.endsWith('-enc')).toBe(true);
  });
});

describe('RDS force_ssl runbook', () => {
  const runbook = rdsForceSslRunbook(rdsFacts());

  it('finds non-TLS clients on each instance that uses the group before changing it', () => {
    const first = runbook.steps[0].commands[0].command;
    expect(first).toContain(
      "psql 'host=huntaze-db.abc.eu-west-1.rds.amazonaws.com port=5432 dbname=postgres sslmode=require'",
    );
    expect(first).toContain("'\\''client backend'\\''");
    const commands = commandsOf(runbook.steps);
    const firstChange = commands.findIndex(c => c.mutates);
    expect(commands[firstChange].command).toContain(
      'modify-db-parameter-group --db-parameter-group-name huntaze-postgres-production --parameters ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate',
    );
  });

  it('tells clients to use sslmode=require and proves a plain connection is refused', () => {
    expect(runbook.prerequisites.join(' ')).toContain('sslmode=require');
    expect(runbook.steps[3].verify.map(c => c.command).join('\n')).toContain(
      'sslmode=disable',
    );
  });

  it('rolls back to the value it read', () => {
    expect(runbook.rollback[0].commands[0].command).toContain(
      'ParameterValue=0,ApplyMethod=immediate',
    );
    const unset = rdsForceSslRunbook(rdsFacts({ currentValue: undefined }));
    expect(unset.facts['rds.force_ssl']).toBe('unset');
  });

  it('gives the module’s parameter group in Terraform with the family it read', () => {
    expect(runbook.terraform.snippet).toContain(
      'name   = "huntaze-postgres-production"',
    );
    expect(runbook.terraform.snippet).toContain('family = "postgres16"');
    expect(runbook.terraform.snippet).toContain('value        = "1"');
  });

  it('lists the instances when none was found, with the group quoted for JMESPath', () => {
    const r = rdsForceSslRunbook(
      rdsFacts({ instances: [], parameterGroup: "pg'x" }),
    );
    expect(r.unreadFacts).toEqual([
      'no instance uses this group in the region',
    ]);
    const words = shellWords(
      r.steps[0].commands[0].command.replace('--region eu-west-1', ''),
    );
    expect(words[4]).toContain("DBParameterGroupName=='pg\\'x']]");
  });
});

describe('IAM least privilege runbook (ECS task roles)', () => {
  const runbook = iamLeastPrivilegeRunbook(iamFacts());

  it('saves the running task definition before any change, and deploys last', () => {
    const commands = commandsOf(runbook.steps);
    const firstChange = commands.findIndex(c => c.mutates);
    expect(runbook.steps[0].commands[0].command).toBe(
      'aws ecs describe-task-definition --task-definition arn:aws:ecs:eu-west-1:210987654321:task-definition/huntaze-workers:7 --output json --region eu-west-1 > huntaze-workers-before.json',
    );
    expect(commands[firstChange].command).toBe('terraform apply tfplan');
    expect(runbook.steps[4].commands[0].command).toBe(
      'aws ecs update-service --cluster huntaze-workers-production --service workers --task-definition "$NEW_TASK_DEFINITION" --region eu-west-1',
    );
  });

  it('reads what the shared execution role was used for', () => {
    expect(runbook.steps[1].commands[0].command).toContain(
      '--arn arn:aws:iam::210987654321:role/huntaze-ecs-task-execution',
    );
    const none = iamLeastPrivilegeRunbook(
      iamFacts({ taskRoleArn: undefined, executionRoleArn: undefined }),
    );
    expect(none.summary).toContain('without a task role');
    expect(none.steps[1].commands[0].command).toMatch(/^jq /);
  });

  it('scopes the policy to the cost tables, queues and topic of the account', () => {
    const tf = runbook.terraform.snippet;
    expect(tf).toContain(
      'arn:aws:dynamodb:eu-west-1:210987654321:table/huntaze-ai-costs-production',
    );
    expect(tf).toContain(
      'arn:aws:sqs:eu-west-1:210987654321:huntaze-rate-limiter-queue',
    );
    expect(tf).toContain('name   = "least-privilege"');
    expect(tf).toContain('Service = "ecs-tasks.amazonaws.com"');
    expect(tf).not.toContain('"*"');
  });

  it('proves the scope with the policy simulator and rolls back to the saved revision', () => {
    const verify = runbook.steps[2].verify.map(c => c.command).join('\n');
    expect(verify).toContain('--action-names iam:CreateUser');
    expect(runbook.rollback[0].commands[0].command).toBe(
      'aws ecs update-service --cluster huntaze-workers-production --service workers --task-definition arn:aws:ecs:eu-west-1:210987654321:task-definition/huntaze-workers:7 --region eu-west-1',
    );
  });
});

describe('choosing what a runbook is for', () => {
  const check = {
    resources: [
      {
        resourceId: 'a',
        resourceType: 'T',
        status: 'PASS' as const,
        evidence: '',
      },
      {
        resourceId: 'b',
        resourceType: 'T',
        status: 'FAIL' as const,
        evidence: '',
      },
    ],
  };

  it('takes the resource asked for only when the check saw it, else the first failing one', () => {
    expect(resourceToRemediate(check, 'a')?.resourceId).toBe('a');
    expect(resourceToRemediate(check, 'zzz')).toBeUndefined();
    expect(resourceToRemediate(check)?.resourceId).toBe('b');
    expect(resourceToRemediate({ resources: [] })).toBeUndefined();
  });

  it('derives the module names from the shared queue name', () => {
    expect(moduleNames('acme-rate-limiter-queue')).toEqual({
      redisAuthSecret: 'acme/redis/auth-token',
      kmsKeyAlias: 'alias/acme-production-hardening',
      ecsTaskRole: 'acme-ecs-task',
    });
    expect(
      replicationGroupIdOf(
        'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:huntaze-redis',
      ),
    ).toBe('huntaze-redis');
  });
});
