import type {
  CheckResult,
  FindingDetail,
  GuidedRunbook,
} from '@prod-hardening/plugin-prod-hardening-common';

/** A failing guided check with two failing replication groups. */
export const guidedCheck: CheckResult = {
  id: 'elasticache-encryption',
  title: 'Redis is encrypted at rest and in transit, with AUTH',
  pillar: 'security',
  control: 'ElastiCache.4',
  severity: 'HIGH',
  status: 'FAIL',
  summary: '2 of 2 Redis replication groups are not fully encrypted.',
  resources: ['huntaze-redis', 'huntaze-cache'].map(id => ({
    resourceId: `arn:aws:elasticache:us-east-1:123456789012:replicationgroup:${id}`,
    resourceType: 'AwsElastiCacheReplicationGroup',
    status: 'FAIL' as const,
    evidence: 'AtRestEncryptionEnabled=false, TransitEncryptionEnabled=false',
  })),
  remediation: { kind: 'guided', why: 'Needs a snapshot and a restore.' },
  canAutoRemediate: false,
  evaluatedAt: '2026-11-28T00:00:00.000Z',
};

export const runbook = (resourceId: string): GuidedRunbook => ({
  checkId: 'elasticache-encryption',
  resourceId,
  title: `Migrate ${resourceId
    .split(':')
    .pop()} to an encrypted replication group`,
  summary: 'Snapshot, restore encrypted, switch, delete.',
  expectedDowntime: 'Under 5 minutes of Redis writes during the client switch.',
  facts: { nodeType: 'cache.t4g.small', region: 'us-east-1' },
  unreadFacts: ['cache subnet group'],
  prerequisites: ['Clients connect with TLS and AUTH.'],
  steps: [
    {
      title: '2. Snapshot huntaze-redis (no downtime)',
      detail: 'The snapshot carries the data.',
      commands: [
        {
          description: 'Create the migration snapshot',
          command:
            'aws elasticache create-snapshot --replication-group-id huntaze-redis --snapshot-name snap --region us-east-1',
          mutates: true,
        },
      ],
      verify: [
        {
          description: 'Repeat until it prints "available"',
          command: 'aws elasticache describe-snapshots --snapshot-name snap',
          mutates: false,
        },
      ],
    },
  ],
  rollback: [
    {
      title: 'Restore failed or data missing (before the switch)',
      detail: 'Delete the new group.',
      commands: [
        {
          description: 'Delete the incomplete encrypted group',
          command:
            'aws elasticache delete-replication-group --replication-group-id huntaze-redis-enc',
          mutates: true,
        },
      ],
      verify: [],
    },
  ],
  terraform: {
    path: 'infra/terraform/production-hardening/elasticache.tf',
    snippet:
      'resource "aws_elasticache_replication_group" "huntaze_redis_enc" {\n  at_rest_encryption_enabled = true\n}\n',
    commands: [],
  },
  references: ['docs/runbooks/elasticache-migration.md'],
  generatedAt: '2026-11-28T00:00:00.000Z',
});

export const findingDetail = (
  over: Partial<FindingDetail> = {},
): FindingDetail => ({
  finding: {
    id: 'arn:aws:securityhub:us-east-1:123456789012:security-control/ElastiCache.4/finding/1',
    title: 'ElastiCache replication groups should be encrypted at rest',
    severity: 'MEDIUM',
    product: 'Security Hub',
    controlId: 'ElastiCache.4',
    complianceStatus: 'FAILED',
    workflowStatus: 'NEW',
    resourceType: 'AwsElastiCacheReplicationGroup',
    resourceId: guidedCheck.resources[0].resourceId,
    region: 'us-east-1',
    accountId: '123456789012',
    firstSeen: '2026-10-21T12:00:00Z',
    lastSeen: '2026-11-19T12:00:00Z',
    remediationText:
      'For information on how to correct this issue, see the documentation.',
    remediationUrl:
      'https://docs.aws.amazon.com/console/securityhub/ElastiCache.4/remediation',
    description:
      'This control checks whether a replication group is encrypted at rest.',
  },
  check: guidedCheck,
  ...over,
});
