import type { ElastiCacheMigrationFacts } from './elastiCacheMigration';
import type { IamLeastPrivilegeFacts } from './iamLeastPrivilege';
import type { RdsForceSslFacts } from './rdsForceSsl';

/** Plain facts for the runbook tests: another account and region than the seed's. */
const NOW = new Date('2026-11-20T12:00:00Z');

export const elastiCacheMigrationFacts = (
  over: Partial<ElastiCacheMigrationFacts> = {},
): ElastiCacheMigrationFacts => ({
  accountId: '210987654321',
  region: 'eu-west-1',
  replicationGroupId: 'huntaze-redis',
  arn: 'arn:aws:elasticache:eu-west-1:210987654321:replicationgroup:huntaze-redis',
  nodeType: 'cache.r6g.large',
  engineVersion: '7.1',
  memberClusters: ['huntaze-redis-001', 'huntaze-redis-002'],
  automaticFailover: true,
  multiAz: false,
  port: 6379,
  primaryEndpoint: 'master.huntaze-redis.abc.euw1.cache.amazonaws.com',
  subnetGroup: 'huntaze-private',
  securityGroupIds: ['sg-0a1', 'sg-0b2'],
  parameterGroup: 'default.redis7',
  authSecretName: 'huntaze/redis/auth-token',
  kmsKeyAlias: 'alias/huntaze-production-hardening',
  rateLimiterFunction: 'huntaze-rate-limiter',
  ecsClusters: ['huntaze-web-production'],
  now: NOW,
  ...over,
});

export const rdsFacts = (
  over: Partial<RdsForceSslFacts> = {},
): RdsForceSslFacts => ({
  accountId: '210987654321',
  region: 'eu-west-1',
  parameterGroup: 'huntaze-postgres-production',
  family: 'postgres16',
  currentValue: '0',
  instances: [
    {
      id: 'huntaze-db',
      endpoint: 'huntaze-db.abc.eu-west-1.rds.amazonaws.com',
      port: 5432,
    },
  ],
  now: NOW,
  ...over,
});

export const iamFacts = (
  over: Partial<IamLeastPrivilegeFacts> = {},
): IamLeastPrivilegeFacts => ({
  accountId: '210987654321',
  region: 'eu-west-1',
  cluster: 'huntaze-workers-production',
  service: 'workers',
  taskDefinitionArn:
    'arn:aws:ecs:eu-west-1:210987654321:task-definition/huntaze-workers:7',
  taskRoleArn: 'arn:aws:iam::210987654321:role/huntaze-ecs-task-execution',
  executionRoleArn: 'arn:aws:iam::210987654321:role/huntaze-ecs-task-execution',
  taskRoleName: 'huntaze-ecs-task',
  costTables: ['huntaze-ai-costs-production', 'huntaze-cost-alerts-production'],
  workQueues: ['huntaze-hybrid-workflows.fifo', 'huntaze-rate-limiter-queue'],
  costAlertsTopic: 'huntaze-cost-alerts',
  kmsKeyAlias: 'alias/huntaze-production-hardening',
  now: NOW,
  ...over,
});
