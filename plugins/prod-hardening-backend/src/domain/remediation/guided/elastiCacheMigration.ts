import type {
  GuidedRunbook,
  GuidedStep,
  ResourceEvidence,
} from '@prod-hardening/plugin-prod-hardening-common';
import { awsCli, change, compact, hclKmsAlias, read, stamp } from './commands';
import {
  assign,
  assignFrom,
  hclIdentifier,
  hclList,
  hclString,
  raw,
  Word,
} from './quoting';

/** What the portal read about the unencrypted replication group and its neighbours. */
export interface ElastiCacheMigrationFacts {
  accountId: string;
  region: string;
  replicationGroupId: string;
  arn: string;
  nodeType?: string;
  engineVersion?: string;
  memberClusters: string[];
  automaticFailover: boolean;
  multiAz: boolean;
  port: number;
  primaryEndpoint?: string;
  /** undefined when the member clusters could not be described. */
  subnetGroup?: string;
  securityGroupIds?: string[];
  parameterGroup?: string;
  /** Names the Terraform module gives the AUTH secret, the KMS alias and the limiter. */
  authSecretName: string;
  kmsKeyAlias: string;
  rateLimiterFunction: string;
  ecsClusters: string[];
  evidence?: ResourceEvidence;
  now: Date;
}

export const ELASTICACHE_RUNBOOK = 'docs/runbooks/elasticache-migration.md';
export const ELASTICACHE_TERRAFORM =
  'infra/terraform/production-hardening/elasticache.tf';
/** ElastiCache replication group ids: at most 40 characters. */
const MAX_GROUP_ID = 40;
const SNAPSHOT_RETENTION_DAYS = 7;

/** The encrypted group's id: the old id with "-enc", kept within ElastiCache's limit. */
export function encryptedGroupId(oldId: string): string {
  const base = oldId.slice(0, MAX_GROUP_ID - 4).replace(/-+$/, '');
  return `${base}-enc`;
}

/**
 * The seed's Redis migration (snapshot → encrypted restore → endpoint switch → delete,
 * < 5 min of downtime) as exact commands for one replication group. Nothing changes
 * the account before the snapshot; every step has its check, and the way back is
 * written out for each stage.
 */
export function elastiCacheMigrationRunbook(
  f: ElastiCacheMigrationFacts,
): GuidedRunbook {
  const aws = awsCli(f.region);
  const oldId = f.replicationGroupId;
  const newId = encryptedGroupId(oldId);
  const snapshot = `${oldId}-pre-encryption-${stamp(f.now)}`;
  const finalSnapshot = `${oldId}-final-${stamp(f.now).slice(0, 8)}`;
  const firstMember = f.memberClusters[0] ?? `${oldId}-001`;
  // Automatic failover (and the module) needs a replica: at least two nodes.
  const nodes = Math.max(2, f.memberClusters.length);
  const unread: string[] = [];
  if (!f.nodeType) unread.push('node type');
  if (f.subnetGroup === undefined) unread.push('cache subnet group');
  if (f.securityGroupIds === undefined) unread.push('security groups');
  if (f.parameterGroup === undefined) unread.push('parameter group');

  const lookup = (variable: string, query: string, value?: string) =>
    value !== undefined
      ? read(`${variable}, as the portal read it`, assign(variable, value))
      : read(
          `${variable}: not readable by the portal, looked up from a member cluster`,
          assignFrom(
            variable,
            ...aws(
              'elasticache',
              'describe-cache-clusters',
              '--cache-cluster-id',
              firstMember,
              '--query',
              query,
              '--output',
              'text',
            ),
          ),
        );

  // $SERVICE: each service of the cluster that uses Redis, one at a time.
  const redeploy = (cluster: string, description: string, ...args: Word[]) =>
    change(
      description,
      ...aws(
        'ecs',
        'update-service',
        '--cluster',
        cluster,
        '--service',
        raw('"$SERVICE"'),
        ...args,
      ),
    );

  const know: GuidedStep = {
    title: `1. Read the old group ${oldId} (no change)`,
    detail:
      'Confirm what the portal saw and record the settings the restore copies. Clients must already speak TLS and AUTH (rediss://) before the switch.',
    commands: [
      read(
        'Encryption flags, nodes and endpoint of the old group',
        ...aws(
          'elasticache',
          'describe-replication-groups',
          '--replication-group-id',
          oldId,
          '--query',
          'ReplicationGroups[0].{at_rest:AtRestEncryptionEnabled,transit:TransitEncryptionEnabled,auth:AuthTokenEnabled,nodes:MemberClusters,node_type:CacheNodeType,endpoint:NodeGroups[0].PrimaryEndpoint.Address}',
        ),
      ),
      read(
        'Subnet group, security groups, parameter group and engine version of a member',
        ...aws(
          'elasticache',
          'describe-cache-clusters',
          '--cache-cluster-id',
          firstMember,
          '--show-cache-node-info',
        ),
      ),
      lookup(
        'SUBNET_GROUP',
        'CacheClusters[0].CacheSubnetGroupName',
        f.subnetGroup,
      ),
      lookup(
        'SECURITY_GROUPS',
        'CacheClusters[0].SecurityGroups[].SecurityGroupId',
        f.securityGroupIds?.join(' '),
      ),
      lookup(
        'PARAMETER_GROUP',
        'CacheClusters[0].CacheParameterGroup.CacheParameterGroupName',
        f.parameterGroup,
      ),
    ],
    verify: [
      read(
        'The AUTH token the new group will require exists',
        ...aws(
          'secretsmanager',
          'describe-secret',
          '--secret-id',
          f.authSecretName,
        ),
      ),
      read(
        'The module’s KMS key for encryption at rest exists',
        ...aws('kms', 'describe-key', '--key-id', f.kmsKeyAlias),
      ),
    ],
  };

  const snap: GuidedStep = {
    title: `2. Snapshot ${oldId} (no downtime)`,
    detail:
      'The snapshot is the only way the data reaches an encrypted group. Writers keep running: rate-limit buckets and metrics written after it expire within minutes.',
    commands: [
      change(
        'Create the migration snapshot',
        ...aws(
          'elasticache',
          'create-snapshot',
          '--replication-group-id',
          oldId,
          '--snapshot-name',
          snapshot,
        ),
      ),
    ],
    verify: [
      read(
        'Repeat until it prints "available"',
        ...aws(
          'elasticache',
          'describe-snapshots',
          '--snapshot-name',
          snapshot,
          '--query',
          'Snapshots[0].SnapshotStatus',
          '--output',
          'text',
        ),
      ),
    ],
  };

  const restore: GuidedStep = {
    title: `3. Restore into the encrypted group ${newId} (no downtime)`,
    detail: `A new group, encrypted at rest (KMS) and in transit, with AUTH, from the snapshot. ${oldId} keeps serving until the switch.`,
    commands: [
      read(
        'Load the AUTH token into the shell (not printed)',
        assignFrom(
          'TOKEN',
          ...aws(
            'secretsmanager',
            'get-secret-value',
            '--secret-id',
            f.authSecretName,
            '--query',
            'SecretString',
            '--output',
            'text',
          ),
        ),
      ),
      change(
        'Create the encrypted group from the snapshot',
        ...aws(
          'elasticache',
          'create-replication-group',
          '--replication-group-id',
          newId,
          '--replication-group-description',
          `Encrypted copy of ${oldId}`,
          '--snapshot-name',
          snapshot,
          '--engine',
          'redis',
          ...(f.engineVersion ? ['--engine-version', f.engineVersion] : []),
          '--cache-node-type',
          f.nodeType ?? raw('"$NODE_TYPE"'),
          '--num-cache-clusters',
          String(nodes),
          '--automatic-failover-enabled',
          '--multi-az-enabled',
          '--cache-subnet-group-name',
          raw('"$SUBNET_GROUP"'),
          '--security-group-ids',
          raw('$SECURITY_GROUPS'),
          '--cache-parameter-group-name',
          raw('"$PARAMETER_GROUP"'),
          '--port',
          String(f.port),
          '--at-rest-encryption-enabled',
          '--kms-key-id',
          f.kmsKeyAlias,
          '--transit-encryption-enabled',
          '--auth-token',
          raw('"$TOKEN"'),
          '--snapshot-retention-limit',
          String(SNAPSHOT_RETENTION_DAYS),
        ),
      ),
      read(
        'Wait until the new group is available',
        ...aws(
          'elasticache',
          'wait',
          'replication-group-available',
          '--replication-group-id',
          newId,
        ),
      ),
    ],
    verify: [
      read(
        'at_rest, transit and auth must all be true',
        ...aws(
          'elasticache',
          'describe-replication-groups',
          '--replication-group-id',
          newId,
          '--query',
          'ReplicationGroups[0].{status:Status,at_rest:AtRestEncryptionEnabled,transit:TransitEncryptionEnabled,auth:AuthTokenEnabled,endpoint:NodeGroups[0].PrimaryEndpoint.Address}',
        ),
      ),
      read(
        'The key count is of the same order as on the old group (from a host in the VPC)',
        raw(
          `redis-cli --tls -h "$NEW_ENDPOINT" -p ${f.port} -a "$TOKEN" --no-auth-warning DBSIZE`,
        ),
      ),
    ],
  };
  if (!f.nodeType) {
    restore.commands.unshift(
      read(
        'NODE_TYPE: not readable by the portal, looked up from the old group',
        assignFrom(
          'NODE_TYPE',
          ...aws(
            'elasticache',
            'describe-replication-groups',
            '--replication-group-id',
            oldId,
            '--query',
            'ReplicationGroups[0].CacheNodeType',
            '--output',
            'text',
          ),
        ),
      ),
    );
  }
  // The endpoint variable the switch uses, set as soon as the group exists.
  restore.commands.push(
    read(
      'Primary endpoint of the new group',
      assignFrom(
        'NEW_ENDPOINT',
        ...aws(
          'elasticache',
          'describe-replication-groups',
          '--replication-group-id',
          newId,
          '--query',
          'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Address',
          '--output',
          'text',
        ),
      ),
    ),
  );

  const switchStep: GuidedStep = {
    title: '4. Switch clients to the new endpoint (the < 5 minute window)',
    detail:
      'Announce the start in #ops. Point every client at rediss://:<token>@$NEW_ENDPOINT:6379, the rate limiter through Terraform (a new Lambda version behind its alias), ECS services by task definition and a forced deployment, one cluster at a time. Time from the first switch to the last check is the downtime: if it will pass 5 minutes, roll back.',
    commands: [
      change(
        `Publish the rate limiter (${f.rateLimiterFunction}) with the new REDIS_URL`,
        'terraform',
        'apply',
      ),
      ...f.ecsClusters.map(cluster =>
        redeploy(
          cluster,
          `Redeploy a Redis client service of ${cluster} after its task definition has the new URL`,
          '--force-new-deployment',
        ),
      ),
    ],
    verify: [
      ...f.ecsClusters.map(cluster =>
        read(
          `Services of ${cluster} are stable`,
          ...aws(
            'ecs',
            'wait',
            'services-stable',
            '--cluster',
            cluster,
            '--services',
            raw('"$SERVICE"'),
          ),
        ),
      ),
      read(
        'Connections on the old primary fall to ~0 (last 10 minutes)',
        ...aws(
          'cloudwatch',
          'get-metric-statistics',
          '--namespace',
          'AWS/ElastiCache',
          '--metric-name',
          'CurrConnections',
          '--dimensions',
          `Name=CacheClusterId,Value=${firstMember}`,
          '--start-time',
          raw('"$(date -u -d \'-10 min\' +%FT%TZ)"'),
          '--end-time',
          raw('"$(date -u +%FT%TZ)"'),
          '--period',
          '60',
          '--statistics',
          'Maximum',
        ),
      ),
    ],
  };

  const remove: GuidedStep = {
    title: `5. Delete ${oldId} after 24 hours`,
    detail:
      'Keep the old group a day for rollback (seed rollback plan); the final snapshot stays as the last way back.',
    commands: [
      change(
        'Delete the old group with a final snapshot',
        ...aws(
          'elasticache',
          'delete-replication-group',
          '--replication-group-id',
          oldId,
          '--final-snapshot-identifier',
          finalSnapshot,
        ),
      ),
    ],
    verify: [
      read(
        'Wait until it is gone',
        ...aws(
          'elasticache',
          'wait',
          'replication-group-deleted',
          '--replication-group-id',
          oldId,
        ),
      ),
      read(
        'The portal check passes: every remaining group is encrypted with AUTH',
        ...aws(
          'elasticache',
          'describe-replication-groups',
          '--query',
          'ReplicationGroups[].{id:ReplicationGroupId,at_rest:AtRestEncryptionEnabled,transit:TransitEncryptionEnabled,auth:AuthTokenEnabled}',
        ),
      ),
    ],
  };

  const rollback: GuidedStep[] = [
    {
      title: 'Restore failed or data missing (before the switch)',
      detail: `Nothing has switched and ${oldId} is untouched. Remove the new group and retry with a new snapshot within 30 minutes; otherwise stop and alert #ops.`,
      commands: [
        change(
          'Delete the incomplete encrypted group',
          ...aws(
            'elasticache',
            'delete-replication-group',
            '--replication-group-id',
            newId,
            '--no-retain-primary-cluster',
          ),
        ),
      ],
      verify: [
        read(
          'The old group still serves',
          ...aws(
            'elasticache',
            'describe-replication-groups',
            '--replication-group-id',
            oldId,
            '--query',
            'ReplicationGroups[0].Status',
            '--output',
            'text',
          ),
        ),
      ],
    },
    {
      title: 'Errors after the switch',
      detail: `Point clients back at ${
        f.primaryEndpoint ?? `the primary endpoint of ${oldId}`
      }: move the limiter's alias to its previous version and redeploy the previous ECS task definition revision.`,
      commands: [
        change(
          'Move the rate limiter back to the version with the old REDIS_URL',
          ...aws(
            'lambda',
            'update-alias',
            '--function-name',
            f.rateLimiterFunction,
            '--name',
            'live',
            '--function-version',
            raw('"$PREVIOUS_VERSION"'),
          ),
        ),
        ...f.ecsClusters.map(cluster =>
          redeploy(
            cluster,
            `Redeploy the previous task definition in ${cluster}`,
            '--task-definition',
            raw('"$PREVIOUS_TASK_DEFINITION"'),
          ),
        ),
      ],
      verify: [
        read(
          'The alias points at the previous version',
          ...aws(
            'lambda',
            'get-alias',
            '--function-name',
            f.rateLimiterFunction,
            '--name',
            'live',
          ),
        ),
      ],
    },
    {
      title: `After ${oldId} was deleted (last resort)`,
      detail:
        'Recreate the unencrypted group from its final snapshot only if the encrypted one cannot serve at all.',
      commands: [
        change(
          'Restore the old group from its final snapshot',
          ...aws(
            'elasticache',
            'create-replication-group',
            '--replication-group-id',
            oldId,
            '--replication-group-description',
            `Restored ${oldId}`,
            '--snapshot-name',
            finalSnapshot,
            '--cache-node-type',
            f.nodeType ?? raw('"$NODE_TYPE"'),
            '--num-cache-clusters',
            String(nodes),
          ),
        ),
      ],
      verify: [
        read(
          'Wait until it is available',
          ...aws(
            'elasticache',
            'wait',
            'replication-group-available',
            '--replication-group-id',
            oldId,
          ),
        ),
      ],
    },
  ];

  const resourceName = hclIdentifier(newId.replace(/-/g, '_'));
  const snippet = [
    `# Follows aws_elasticache_replication_group.redis in ${ELASTICACHE_TERRAFORM}.`,
    `# When that module owns Redis, set redis_restore_snapshot_name = ${hclString(
      snapshot,
    )} there instead.`,
    'data "aws_secretsmanager_secret_version" "redis_auth" {',
    `  secret_id = ${hclString(f.authSecretName)}`,
    '}',
    '',
    ...hclKmsAlias(f.kmsKeyAlias),
    `resource "aws_elasticache_replication_group" "${resourceName}" {`,
    `  replication_group_id = ${hclString(newId)}`,
    `  description          = ${hclString(`Encrypted copy of ${oldId}`)}`,
    '',
    '  engine               = "redis"',
    ...(f.engineVersion
      ? [`  engine_version       = ${hclString(f.engineVersion)}`]
      : []),
    `  node_type            = ${
      f.nodeType ? hclString(f.nodeType) : 'var.redis_node_type'
    }`,
    `  parameter_group_name = ${
      f.parameterGroup !== undefined
        ? hclString(f.parameterGroup)
        : 'var.redis_parameter_group_name'
    }`,
    `  port                 = ${f.port}`,
    `  num_cache_clusters   = ${nodes}`,
    '',
    '  automatic_failover_enabled = true',
    '  multi_az_enabled           = true',
    '',
    '  at_rest_encryption_enabled = true',
    '  kms_key_id                 = data.aws_kms_alias.hardening.target_key_arn',
    '  transit_encryption_enabled = true',
    '  auth_token                 = data.aws_secretsmanager_secret_version.redis_auth.secret_string',
    '',
    `  subnet_group_name  = ${
      f.subnetGroup !== undefined
        ? hclString(f.subnetGroup)
        : 'var.redis_subnet_group_name # $SUBNET_GROUP from step 1'
    }`,
    `  security_group_ids = ${
      f.securityGroupIds !== undefined
        ? hclList(f.securityGroupIds)
        : 'var.redis_security_group_ids # $SECURITY_GROUPS from step 1'
    }`,
    '',
    `  snapshot_name            = ${hclString(snapshot)}`,
    `  snapshot_retention_limit = ${SNAPSHOT_RETENTION_DAYS}`,
    '  apply_immediately        = false',
    '',
    '  lifecycle {',
    '    # The restore snapshot only matters at creation.',
    '    ignore_changes = [snapshot_name]',
    '  }',
    '}',
    '',
  ].join('\n');

  return {
    checkId: 'elasticache-encryption',
    resourceId: f.arn,
    title: `Migrate ${oldId} to an encrypted replication group`,
    summary: `Encryption at rest cannot be switched on in place: snapshot ${oldId}, restore it into ${newId} (KMS, TLS, AUTH), switch the clients, delete the old group after 24 hours.`,
    expectedDowntime:
      'Under 5 minutes of Redis writes during the client switch (step 4); none before it.',
    facts: compact({
      account: f.accountId,
      region: f.region,
      replicationGroupId: oldId,
      newReplicationGroupId: newId,
      snapshotName: snapshot,
      nodeType: f.nodeType,
      engineVersion: f.engineVersion,
      nodes: String(f.memberClusters.length),
      memberClusters: f.memberClusters.join(', '),
      primaryEndpoint: f.primaryEndpoint,
      port: String(f.port),
      subnetGroup: f.subnetGroup,
      securityGroups: f.securityGroupIds?.join(', '),
      parameterGroup: f.parameterGroup,
      authSecret: f.authSecretName,
      kmsKey: f.kmsKeyAlias,
    }),
    unreadFacts: unread,
    evidence: f.evidence,
    prerequisites: [
      'Clients connect with TLS and AUTH (rediss://:<token>@host:6379); deploy that support first.',
      `The engine version of ${newId} is the same as or newer than the snapshot’s.`,
      'A host in the VPC with redis-cli 6+ (TLS) to compare key counts.',
      'One operator at the keyboard, one watching the portal’s Throttling tab; #ops told.',
    ],
    steps: [know, snap, restore, switchStep, remove],
    rollback,
    terraform: {
      path: ELASTICACHE_TERRAFORM,
      snippet,
      commands: [
        change(
          'Adopt the new group into the state (after step 3)',
          'terraform',
          'import',
          `aws_elasticache_replication_group.${resourceName}`,
          newId,
        ),
        read('Must show no changes', 'terraform', 'plan'),
      ],
    },
    references: [ELASTICACHE_RUNBOOK, ELASTICACHE_TERRAFORM],
    generatedAt: f.now.toISOString(),
  };
}
