import type { AwsClientFactory } from '../../aws';
import { ApplicationAutoScalingSource } from '../../sources/applicationAutoScaling';
import { CloudTrailSource } from '../../sources/cloudTrail';
import { CloudWatchAlarmsSource } from '../../sources/cloudWatchAlarms';
import { CloudWatchLogsSource } from '../../sources/cloudWatchLogs';
import { CostAnomalyDetectionSource } from '../../sources/costAnomalyDetection';
import { DynamoDbSource } from '../../sources/dynamoDb';
import { Ec2Source } from '../../sources/ec2';
import { EcsSource } from '../../sources/ecs';
import { ElastiCacheSource } from '../../sources/elastiCache';
import { GuardDutySource } from '../../sources/guardDuty';
import { LambdaSource } from '../../sources/lambda';
import { PriceListSource } from '../../sources/pricing';
import { RdsSource } from '../../sources/rds';
import { S3Source } from '../../sources/s3';
import { S3ControlSource } from '../../sources/s3Control';
import { SecretsManagerSource } from '../../sources/secretsManager';
import { SecurityHubSource } from '../../sources/securityHub';
import { SnsSource } from '../../sources/sns';
import { SqsSource } from '../../sources/sqs';

/** Every adapter the posture checks (and their fixes' cost models) read through. */
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
  secretsManager: SecretsManagerSource;
  ec2: Ec2Source;
  cloudWatchAlarms: CloudWatchAlarmsSource;
  sns: SnsSource;
  applicationAutoScaling: ApplicationAutoScalingSource;
  s3: S3Source;
  costAnomalyDetection: CostAnomalyDetectionSource;
  lambda: LambdaSource;
  /** Unit prices for what a check's fix costs (see FixCostModel). */
  pricing: PriceListSource;
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
    secretsManager: new SecretsManagerSource(aws),
    ec2: new Ec2Source(aws),
    cloudWatchAlarms: new CloudWatchAlarmsSource(aws),
    sns: new SnsSource(aws),
    applicationAutoScaling: new ApplicationAutoScalingSource(aws),
    s3: new S3Source(aws),
    costAnomalyDetection: new CostAnomalyDetectionSource(aws),
    lambda: new LambdaSource(aws),
    pricing: new PriceListSource(aws),
  };
}
