import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';

export interface SeedClientOptions {
  /** The emulator's URL, e.g. http://127.0.0.1:5055. */
  endpoint: string;
  region: string;
}

export interface SeedClients {
  applicationAutoScaling: ApplicationAutoScalingClient;
  budgets: BudgetsClient;
  cloudTrail: CloudTrailClient;
  cloudWatch: CloudWatchClient;
  cloudWatchLogs: CloudWatchLogsClient;
  dynamoDb: DynamoDBClient;
  ec2: EC2Client;
  ecs: ECSClient;
  elastiCache: ElastiCacheClient;
  guardDuty: GuardDutyClient;
  iam: IAMClient;
  kms: KMSClient;
  lambda: LambdaClient;
  rds: RDSClient;
  s3: S3Client;
  s3Control: S3ControlClient;
  secretsManager: SecretsManagerClient;
  securityHub: SecurityHubClient;
  sns: SNSClient;
  sqs: SQSClient;
  sts: STSClient;
  /** Closes every client's sockets so a CLI or test process can exit. */
  destroy(): void;
}

/**
 * One set of SDK v3 clients pointed at the emulator. Dummy credentials, because the
 * emulator does not check signatures; one attempt, so an unimplemented call fails at
 * once instead of being retried with back-off.
 */
export function createSeedClients({
  endpoint,
  region,
}: SeedClientOptions): SeedClients {
  const common = {
    endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 15_000 },
  };
  const clients = {
    applicationAutoScaling: new ApplicationAutoScalingClient(common),
    budgets: new BudgetsClient(common),
    cloudTrail: new CloudTrailClient(common),
    cloudWatch: new CloudWatchClient(common),
    cloudWatchLogs: new CloudWatchLogsClient(common),
    dynamoDb: new DynamoDBClient(common),
    ec2: new EC2Client(common),
    ecs: new ECSClient(common),
    elastiCache: new ElastiCacheClient(common),
    guardDuty: new GuardDutyClient(common),
    iam: new IAMClient(common),
    kms: new KMSClient(common),
    lambda: new LambdaClient(common),
    rds: new RDSClient(common),
    // Path-style: bucket-name subdomains of 127.0.0.1 do not resolve.
    s3: new S3Client({ ...common, forcePathStyle: true }),
    s3Control: createS3ControlClient(common),
    secretsManager: new SecretsManagerClient(common),
    securityHub: new SecurityHubClient(common),
    sns: new SNSClient(common),
    sqs: new SQSClient(common),
    sts: new STSClient(common),
  };
  return {
    ...clients,
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

/**
 * S3 Control puts the account id in front of the host (`123456789012.<endpoint host>`).
 * Against a custom endpoint that host does not resolve, and for an IP-literal endpoint
 * such as 127.0.0.1 the SDK cannot even build the URL, so it fails while resolving the
 * endpoint, before any request middleware runs. Resolving every request to the
 * configured endpoint keeps the requests on the emulator's host; the account id still
 * travels in the `x-amz-account-id` header, which is what the service reads.
 */
function createS3ControlClient(
  common: ConstructorParameters<typeof S3ControlClient>[0] & {
    endpoint: string;
  },
): S3ControlClient {
  const url = new URL(common.endpoint);
  return new S3ControlClient({
    ...common,
    endpointProvider: () => ({ url: new URL(url.href) }),
  });
}
