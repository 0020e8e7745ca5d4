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

export const ecsServiceArn = (
  { region, accountId }: AccountScope,
  cluster: string,
  service: string,
) => `arn:aws:ecs:${region}:${accountId}:service/${cluster}/${service}`;

export const ecsTaskDefinitionArn = (
  { region, accountId }: AccountScope,
  family: string,
  revision: number,
) => `arn:aws:ecs:${region}:${accountId}:task-definition/${family}:${revision}`;

/** A partial secret ARN (without the random suffix AWS appends): AWS resolves it too. */
export const secretArn = ({ region, accountId }: AccountScope, name: string) =>
  `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}`;

export const kmsKeyArn = ({ region, accountId }: AccountScope, keyId: string) =>
  `arn:aws:kms:${region}:${accountId}:key/${keyId}`;

export const vpcArn = ({ region, accountId }: AccountScope, vpcId: string) =>
  `arn:aws:ec2:${region}:${accountId}:vpc/${vpcId}`;

export const iamRoleArn = ({ accountId }: AccountScope, name: string) =>
  `arn:aws:iam::${accountId}:role/${name}`;

export const s3BucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;

/** How Security Hub names the account itself as a finding's resource. */
export const accountResourceId = ({ accountId }: AccountScope) =>
  `AWS::::Account:${accountId}`;

export const lambdaFunctionArn = (
  { region, accountId }: AccountScope,
  name: string,
) => `arn:aws:lambda:${region}:${accountId}:function:${name}`;
