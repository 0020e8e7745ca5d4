import type { RemediationAws } from '../../aws';
import { CloudTrailRemediation } from './cloudTrail';
import { CloudWatchLogsRemediation } from './cloudWatchLogs';
import { DynamoDbRemediation } from './dynamoDb';
import { EcsRemediation } from './ecs';
import { GuardDutyRemediation } from './guardDuty';
import { S3ControlRemediation } from './s3Control';
import { SecurityHubRemediation } from './securityHub';
import { SqsRemediation } from './sqs';

/**
 * Every write adapter; all of them use the remediation role, acting for one user: they
 * exist only inside `AwsClientFactory.actingAs`.
 */
export interface RemediationWriters {
  s3Control: S3ControlRemediation;
  guardDuty: GuardDutyRemediation;
  cloudTrail: CloudTrailRemediation;
  cloudWatchLogs: CloudWatchLogsRemediation;
  ecs: EcsRemediation;
  dynamoDb: DynamoDbRemediation;
  sqs: SqsRemediation;
  securityHub: SecurityHubRemediation;
}

export function createRemediationWriters(
  aws: RemediationAws,
): RemediationWriters {
  return {
    s3Control: new S3ControlRemediation(aws),
    guardDuty: new GuardDutyRemediation(aws),
    cloudTrail: new CloudTrailRemediation(aws),
    cloudWatchLogs: new CloudWatchLogsRemediation(aws),
    ecs: new EcsRemediation(aws),
    dynamoDb: new DynamoDbRemediation(aws),
    sqs: new SqsRemediation(aws),
    securityHub: new SecurityHubRemediation(aws),
  };
}
