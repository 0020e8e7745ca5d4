import type { SeverityLabel } from '@aws-sdk/client-securityhub';
import {
  accountResourceId,
  cloudTrailArn,
  dynamoTableArn,
  ecsClusterArn,
  ecsServiceArn,
  ecsTaskDefinitionArn,
  elastiCacheReplicationGroupArn,
  kmsKeyArn,
  rdsInstanceArn,
  s3BucketArn,
  secretArn,
  snsTopicArn,
  sqsQueueArn,
  vpcArn,
} from '../../arns';
import { containerInsightsSettings } from '../ecs';
import { buildReplicationGroupInput } from '../elastiCache';
import { storyBuckets } from '../s3';
import { storySecrets } from '../secretsManager';
import { storyTopicKeys } from '../sns';
import { buildQueueSpecs } from '../sqs';
import type { Random } from './random';
import type { FindingsInput } from './types';

/** One FSBP control as Security Hub names it (consolidated control findings). */
export interface Control {
  id: string;
  title: string;
  severity: SeverityLabel;
}

/** A control's result on one resource, as Security Hub last evaluated it. */
export interface ControlEvaluation {
  control: Control;
  resourceType: string;
  resourceId: string;
  status: 'PASSED' | 'FAILED';
  firstSeenDaysAgo: number;
}

const control = (id: string, severity: SeverityLabel, title: string) => ({
  id,
  severity,
  title,
});

/** The FSBP controls that apply to the seeded resources. */
export const CONTROLS = {
  account: [
    control(
      'S3.1',
      'MEDIUM',
      'S3 general purpose buckets should have block public access settings enabled',
    ),
    control('GuardDuty.1', 'HIGH', 'GuardDuty should be enabled'),
    control(
      'CloudTrail.1',
      'HIGH',
      'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events',
    ),
    control(
      'Config.1',
      'MEDIUM',
      'AWS Config should be enabled and use the service-linked role for resource recording',
    ),
    control('IAM.4', 'CRITICAL', 'IAM root user access key should not exist'),
    control(
      'IAM.6',
      'CRITICAL',
      'Hardware MFA should be enabled for the root user',
    ),
    control('IAM.9', 'CRITICAL', 'MFA should be enabled for the root user'),
    control(
      'IAM.15',
      'MEDIUM',
      'Ensure IAM password policy requires minimum password length of 14 or greater',
    ),
    control('EC2.7', 'MEDIUM', 'EBS default encryption should be enabled'),
    control(
      'Account.1',
      'MEDIUM',
      'Security contact information should be provided for an AWS account',
    ),
  ],
  bucket: [
    control(
      'S3.2',
      'CRITICAL',
      'S3 general purpose buckets should block public read access',
    ),
    control(
      'S3.3',
      'CRITICAL',
      'S3 general purpose buckets should block public write access',
    ),
    control(
      'S3.5',
      'MEDIUM',
      'S3 general purpose buckets should require requests to use SSL',
    ),
    control(
      'S3.6',
      'HIGH',
      'S3 general purpose bucket policies should restrict access to other AWS accounts',
    ),
    control(
      'S3.8',
      'HIGH',
      'S3 general purpose buckets should block public access',
    ),
    control(
      'S3.9',
      'MEDIUM',
      'S3 general purpose bucket server access logging should be enabled',
    ),
    control(
      'S3.12',
      'MEDIUM',
      'ACLs should not be used to manage user access to S3 general purpose buckets',
    ),
    control(
      'S3.13',
      'LOW',
      'S3 general purpose buckets should have Lifecycle configurations',
    ),
    control(
      'S3.14',
      'LOW',
      'S3 general purpose buckets should have versioning enabled',
    ),
    control(
      'S3.17',
      'MEDIUM',
      'S3 general purpose buckets should be encrypted at rest with AWS KMS keys',
    ),
  ],
  trail: [
    control(
      'CloudTrail.2',
      'MEDIUM',
      'CloudTrail should have encryption at-rest enabled',
    ),
    control(
      'CloudTrail.4',
      'LOW',
      'CloudTrail log file validation should be enabled',
    ),
    control(
      'CloudTrail.5',
      'LOW',
      'CloudTrail trails should be integrated with Amazon CloudWatch Logs',
    ),
  ],
  redis: [
    control(
      'ElastiCache.1',
      'HIGH',
      'ElastiCache (Redis OSS) clusters should have automatic backups enabled',
    ),
    control(
      'ElastiCache.3',
      'MEDIUM',
      'ElastiCache replication groups should have automatic failover enabled',
    ),
    control(
      'ElastiCache.4',
      'MEDIUM',
      'ElastiCache replication groups should be encrypted at rest',
    ),
    control(
      'ElastiCache.5',
      'MEDIUM',
      'ElastiCache replication groups should be encrypted in transit',
    ),
    control(
      'ElastiCache.6',
      'MEDIUM',
      'ElastiCache (Redis OSS) replication groups of earlier versions should have Redis OSS AUTH enabled',
    ),
  ],
  rds: [
    control(
      'RDS.2',
      'CRITICAL',
      'RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration',
    ),
    control(
      'RDS.3',
      'MEDIUM',
      'RDS DB instances should have encryption at-rest enabled',
    ),
    control(
      'RDS.5',
      'MEDIUM',
      'RDS DB instances should be configured with multiple Availability Zones',
    ),
    control(
      'RDS.6',
      'LOW',
      'Enhanced monitoring should be configured for RDS DB instances',
    ),
    control(
      'RDS.8',
      'LOW',
      'RDS DB instances should have deletion protection enabled',
    ),
    control(
      'RDS.9',
      'MEDIUM',
      'RDS DB instances should publish logs to CloudWatch Logs',
    ),
    control(
      'RDS.13',
      'HIGH',
      'RDS automatic minor version upgrades should be enabled',
    ),
  ],
  taskDefinition: [
    control('ECS.4', 'HIGH', 'ECS containers should run as non-privileged'),
    control(
      'ECS.5',
      'HIGH',
      'ECS containers should be limited to read-only access to root filesystems',
    ),
    control(
      'ECS.8',
      'HIGH',
      'Secrets should not be passed as container environment variables',
    ),
    control(
      'ECS.9',
      'HIGH',
      'ECS task definitions should have a logging configuration',
    ),
  ],
  ecsService: [
    control(
      'ECS.2',
      'HIGH',
      'ECS services should not have public IP addresses assigned to them automatically',
    ),
  ],
  ecsCluster: [
    control('ECS.12', 'MEDIUM', 'ECS clusters should use Container Insights'),
  ],
  queue: [
    control('SQS.1', 'MEDIUM', 'Amazon SQS queues should be encrypted at rest'),
  ],
  table: [
    control(
      'DynamoDB.1',
      'MEDIUM',
      'DynamoDB tables should automatically scale capacity with demand',
    ),
    control(
      'DynamoDB.2',
      'MEDIUM',
      'DynamoDB tables should have point-in-time recovery enabled',
    ),
    control(
      'DynamoDB.6',
      'MEDIUM',
      'DynamoDB tables should have deletion protection enabled',
    ),
  ],
  topic: [
    control(
      'SNS.1',
      'MEDIUM',
      'SNS topics should be encrypted at-rest using AWS KMS',
    ),
    control(
      'SNS.2',
      'MEDIUM',
      'Logging of delivery status should be enabled for notification messages sent to a topic',
    ),
  ],
  secret: [
    control(
      'SecretsManager.1',
      'MEDIUM',
      'Secrets Manager secrets should have automatic rotation enabled',
    ),
    control(
      'SecretsManager.3',
      'MEDIUM',
      'Remove unused Secrets Manager secrets',
    ),
    control(
      'SecretsManager.4',
      'MEDIUM',
      'Secrets Manager secrets should be rotated within a specified number of days',
    ),
  ],
  vpc: [
    control(
      'EC2.2',
      'HIGH',
      'VPC default security groups should not allow inbound or outbound traffic',
    ),
    control(
      'EC2.6',
      'MEDIUM',
      'VPC flow logging should be enabled in all VPCs',
    ),
  ],
  kmsKey: [
    control('KMS.4', 'MEDIUM', 'AWS KMS key rotation should be enabled'),
  ],
} as const satisfies Record<string, readonly Control[]>;

type Status = ControlEvaluation['status'];
const failedIf = (fails: boolean): Status => (fails ? 'FAILED' : 'PASSED');

/** How often a control the story does not decide fails on a resource. */
const UNDECIDED_FAIL_RATE = 0.3;

/**
 * Every FSBP control result on the seeded resources. Controls behind a posture check
 * (S3.1, CloudTrail.1/4, ElastiCache.4-6, ECS.12, SQS.1, DynamoDB.2, SecretsManager.1,
 * SNS.1, GuardDuty.1) follow the seed's own builders, so the findings and the checks
 * always agree; the others are drawn from `random`.
 */
export function controlEvaluations(
  input: FindingsInput,
  random: Random,
): ControlEvaluation[] {
  const r = input.resources;
  const out: ControlEvaluation[] = [];
  /** Security Hub was enabled 90 days ago: a first evaluation within that window. */
  const firstSeen = () => random.int(1, 90);
  const evaluate = (
    controls: readonly Control[],
    resourceType: string,
    resourceId: string,
    decided: Record<string, Status | undefined> = {},
    firstSeenDaysAgo: Record<string, number> = {},
  ) => {
    for (const c of controls) {
      out.push({
        control: c,
        resourceType,
        resourceId,
        status: decided[c.id] ?? failedIf(random.chance(UNDECIDED_FAIL_RATE)),
        firstSeenDaysAgo: firstSeenDaysAgo[c.id] ?? firstSeen(),
      });
    }
  };

  evaluate(
    CONTROLS.account,
    'AwsAccount',
    accountResourceId(input),
    {
      'S3.1': 'FAILED',
      'GuardDuty.1': 'FAILED',
      'CloudTrail.1': 'FAILED',
      'IAM.4': 'PASSED',
      'IAM.9': 'PASSED',
    },
    { 'S3.1': 30, 'CloudTrail.1': 30, 'GuardDuty.1': 6 },
  );

  for (const bucket of storyBuckets(input.accountId)) {
    const website = bucket.kind === 'website';
    evaluate(
      CONTROLS.bucket,
      'AwsS3Bucket',
      s3BucketArn(bucket.name),
      {
        'S3.2': failedIf(website),
        'S3.3': 'PASSED',
        'S3.8': failedIf(website),
        // Lifecycle rules (Intelligent-Tiering) are Day 10 of the plan.
        'S3.13': failedIf(bucket.kind === 'private'),
      },
      { 'S3.2': 12, 'S3.8': 12 },
    );
  }

  evaluate(
    CONTROLS.trail,
    'AwsCloudTrailTrail',
    cloudTrailArn(input, r.cloudTrailName),
    { 'CloudTrail.4': 'FAILED', 'CloudTrail.5': 'FAILED' },
    { 'CloudTrail.4': 30 },
  );

  const redis = buildReplicationGroupInput(r.redisReplicationGroupId);
  evaluate(
    CONTROLS.redis,
    'AwsElastiCacheReplicationGroup',
    elastiCacheReplicationGroupArn(input, r.redisReplicationGroupId),
    {
      'ElastiCache.4': failedIf(!redis.AtRestEncryptionEnabled),
      'ElastiCache.5': failedIf(!redis.TransitEncryptionEnabled),
      'ElastiCache.6': failedIf(!redis.AuthToken),
    },
    { 'ElastiCache.4': 30, 'ElastiCache.5': 30, 'ElastiCache.6': 30 },
  );

  evaluate(
    CONTROLS.rds,
    'AwsRdsDbInstance',
    rdsInstanceArn(input, r.rdsInstanceId),
    { 'RDS.2': 'PASSED', 'RDS.3': 'FAILED' },
    { 'RDS.3': 30 },
  );

  r.ecsClusters.forEach((name, i) => {
    const insights = containerInsightsSettings(i)[0].value;
    evaluate(
      CONTROLS.ecsCluster,
      'AwsEcsCluster',
      ecsClusterArn(input, name),
      { 'ECS.12': failedIf(insights !== 'enabled') },
      { 'ECS.12': 21 },
    );
  });

  r.ecsServices.forEach(({ cluster, service }) => {
    evaluate(
      CONTROLS.ecsService,
      'AwsEcsService',
      ecsServiceArn(input, cluster, service),
      { 'ECS.2': 'PASSED' },
    );
    evaluate(
      CONTROLS.taskDefinition,
      'AwsEcsTaskDefinition',
      ecsTaskDefinitionArn(input, service, 1),
      { 'ECS.4': 'PASSED' },
    );
  });

  for (const queue of buildQueueSpecs(input, r.queues)) {
    evaluate(
      CONTROLS.queue,
      'AwsSqsQueue',
      sqsQueueArn(input, queue.name),
      { 'SQS.1': failedIf(queue.attributes.SqsManagedSseEnabled !== 'true') },
      { 'SQS.1': 9 },
    );
  }

  for (const table of Object.values(r.tables)) {
    evaluate(
      CONTROLS.table,
      'AwsDynamoDbTable',
      dynamoTableArn(input, table),
      // On-demand tables scale by themselves; PITR is off on both.
      { 'DynamoDB.1': 'PASSED', 'DynamoDB.2': 'FAILED' },
      { 'DynamoDB.2': 14 },
    );
  }

  for (const { name, kmsMasterKeyId } of storyTopicKeys(r.topics)) {
    evaluate(CONTROLS.topic, 'AwsSnsTopic', snsTopicArn(input, name), {
      'SNS.1': failedIf(kmsMasterKeyId === ''),
    });
  }

  for (const { name, rotates } of storySecrets(r.secrets)) {
    evaluate(
      CONTROLS.secret,
      'AwsSecretsManagerSecret',
      secretArn(input, name),
      {
        'SecretsManager.1': failedIf(!rotates),
        'SecretsManager.3': 'PASSED',
        'SecretsManager.4': failedIf(!rotates),
      },
    );
  }

  if (input.ids?.vpcId) {
    evaluate(CONTROLS.vpc, 'AwsEc2Vpc', vpcArn(input, input.ids.vpcId), {
      'EC2.6': 'FAILED',
    });
  }
  if (input.ids?.alertKeyId) {
    // Keys created without EnableKeyRotation, as the seed's is.
    evaluate(
      CONTROLS.kmsKey,
      'AwsKmsKey',
      kmsKeyArn(input, input.ids.alertKeyId),
      {
        'KMS.4': 'FAILED',
      },
    );
  }
  return out;
}
