import type { AwsClientFactory } from '../../aws';
import { CloudTrailSource } from '../../sources/cloudTrail';
import { CloudWatchLogsSource } from '../../sources/cloudWatchLogs';
import { DynamoDbSource } from '../../sources/dynamoDb';
import { EcsSource } from '../../sources/ecs';
import { ElastiCacheSource } from '../../sources/elastiCache';
import { GuardDutySource } from '../../sources/guardDuty';
import { RdsSource } from '../../sources/rds';
import { S3ControlSource } from '../../sources/s3Control';
import { SecurityHubSource } from '../../sources/securityHub';
import { SqsSource } from '../../sources/sqs';

/** Every adapter the posture checks read through. */
export interface PostureSources {
  s3Control: S3ControlSource;
  guardDuty: GuardDutySource;
  securityHub: SecurityHubSource;
  cloudTrail: CloudTrailSource;
  cloudWatchLogs: CloudWatchLogsSource;
  elastiCache: ElastiCacheSource;
  rds: RdsSource;
  ecs: EcsSource;
  dynamoDb: DynamoDbSource;
  sqs: SqsSource;
}

export function createPostureSources(aws: AwsClientFactory): PostureSources {
  return {
    s3Control: new S3ControlSource(aws),
    guardDuty: new GuardDutySource(aws),
    securityHub: new SecurityHubSource(aws),
    cloudTrail: new CloudTrailSource(aws),
    cloudWatchLogs: new CloudWatchLogsSource(aws),
    elastiCache: new ElastiCacheSource(aws),
    rds: new RdsSource(aws),
    ecs: new EcsSource(aws),
    dynamoDb: new DynamoDbSource(aws),
    sqs: new SqsSource(aws),
  };
}
