/**
 * ARN builders. The seed derives ARNs instead of passing them between steps, so each
 * step can run on its own and pure builders (findings, redrive policies, budget
 * subscribers) can be tested without an emulator. The `aws` partition is assumed: the
 * account this portal watches is a commercial-region one.
 */
export interface AccountScope {
  region: string;
  accountId: string;
}

export const snsTopicArn = (
  { region, accountId }: AccountScope,
  name: string,
) => `arn:aws:sns:${region}:${accountId}:${name}`;

export const sqsQueueArn = (
  { region, accountId }: AccountScope,
  name: string,
) => `arn:aws:sqs:${region}:${accountId}:${name}`;

export const dynamoTableArn = (
  { region, accountId }: AccountScope,
  name: string,
) => `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;

export const ecsClusterArn = (
  { region, accountId }: AccountScope,
  name: string,
) => `arn:aws:ecs:${region}:${accountId}:cluster/${name}`;

export const elastiCacheReplicationGroupArn = (
  { region, accountId }: AccountScope,
  id: string,
) => `arn:aws:elasticache:${region}:${accountId}:replicationgroup:${id}`;

export const rdsInstanceArn = (
  { region, accountId }: AccountScope,
  id: string,
) => `arn:aws:rds:${region}:${accountId}:db:${id}`;

export const cloudTrailArn = (
  { region, accountId }: AccountScope,
  name: string,
) => `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`;

export const s3BucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;

/** How Security Hub names the account itself as a finding's resource. */
export const accountResourceId = ({ accountId }: AccountScope) =>
  `AWS::::Account:${accountId}`;
