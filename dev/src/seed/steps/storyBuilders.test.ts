import { buildStoryTrailSettings } from './cloudTrail';
import { buildCostTableInput } from './dynamoDb';
import { storyAlarms } from './cloudWatchAlarms';
import { containerInsightsSettings } from './ecs';
import { buildTaskDefinitionInput } from './ecsServices';
import { buildReplicationGroupInput } from './elastiCache';
import { buildForceSslOff } from './rds';
import { storySecrets } from './secretsManager';
import { storyTopicKeys } from './sns';
import { storyGatewayEndpoints, storySubnets } from './vpc';
import {
  buildCloudTrailBucketPolicy,
  buildCreateBucketInput,
  buildPublicReadPolicy,
  storyBuckets,
} from './s3';

describe('story builders', () => {
  it('creates the Redis replication group without encryption or AUTH', () => {
    const input = buildReplicationGroupInput('huntaze-redis');
    expect(input).toMatchObject({
      ReplicationGroupId: 'huntaze-redis',
      AtRestEncryptionEnabled: false,
      TransitEncryptionEnabled: false,
    });
    expect(input.AuthToken).toBeUndefined();
  });

  it('sets rds.force_ssl explicitly to 0, since PostgreSQL 15+ defaults to 1', () => {
    expect(buildForceSslOff()).toEqual({
      ParameterName: 'rds.force_ssl',
      ParameterValue: '0',
      ApplyMethod: 'immediate',
    });
  });

  it('turns Container Insights on for the first cluster only', () => {
    expect([0, 1, 2].map(i => containerInsightsSettings(i)[0].value)).toEqual([
      'enabled',
      'disabled',
      'disabled',
    ]);
  });

  it('keeps the trail single-region and without log file validation', () => {
    expect(buildStoryTrailSettings('huntaze-trail', '123456789012')).toEqual({
      Name: 'huntaze-trail',
      S3BucketName: 'huntaze-cloudtrail-logs-123456789012',
      IsMultiRegionTrail: false,
      EnableLogFileValidation: false,
      IncludeGlobalServiceEvents: true,
    });
  });

  it('keys the cost tables on pk/sk strings with on-demand billing', () => {
    expect(buildCostTableInput('t')).toMatchObject({
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('names the four story buckets, one of them the public website', () => {
    expect(storyBuckets('123456789012')).toEqual([
      { name: 'huntaze-assets-production', kind: 'private' },
      { name: 'huntaze-uploads-production', kind: 'private' },
      { name: 'huntaze-static-site-production', kind: 'website' },
      { name: 'huntaze-cloudtrail-logs-123456789012', kind: 'cloudtrail' },
    ]);
    expect(buildPublicReadPolicy('site').Statement[0]).toMatchObject({
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::site/*',
    });
  });

  it('gives a location constraint outside us-east-1 only', () => {
    expect(buildCreateBucketInput('b', 'us-east-1')).toEqual({ Bucket: 'b' });
    expect(buildCreateBucketInput('b', 'eu-west-3')).toEqual({
      Bucket: 'b',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-3' },
    });
  });

  it('lets CloudTrail write only under the account prefix of its bucket', () => {
    const policy = buildCloudTrailBucketPolicy(
      { region: 'us-east-1', accountId: '123456789012' },
      'logs',
      'huntaze-trail',
    );
    expect(policy.Statement[1].Resource).toBe(
      'arn:aws:s3:::logs/AWSLogs/123456789012/*',
    );
    expect(policy.Statement[1].Condition.StringEquals['aws:SourceArn']).toBe(
      'arn:aws:cloudtrail:us-east-1:123456789012:trail/huntaze-trail',
    );
  });

  it('rotates only the first secret (the database password)', () => {
    expect(storySecrets(['db', 'token', 'redis'])).toEqual([
      { name: 'db', rotates: true },
      { name: 'token', rotates: false },
      { name: 'redis', rotates: false },
    ]);
  });

  it('encrypts the ops topic with the AWS managed key, the others with the module key', () => {
    expect(
      storyTopicKeys({ costAlerts: 'c', securityAlerts: 's', opsAlerts: 'o' }),
    ).toEqual([
      { name: 'c', kmsMasterKeyId: 'alias/huntaze-production-hardening' },
      { name: 's', kmsMasterKeyId: 'alias/huntaze-production-hardening' },
      { name: 'o', kmsMasterKeyId: 'alias/aws/sns' },
    ]);
  });

  it('has an S3 gateway endpoint and no DynamoDB one, in two private subnets', () => {
    expect(storyGatewayEndpoints('eu-west-3')).toEqual([
      { serviceName: 'com.amazonaws.eu-west-3.s3', present: true },
      { serviceName: 'com.amazonaws.eu-west-3.dynamodb', present: false },
    ]);
    expect(storySubnets('app', 'eu-west-3').map(s => s.zone)).toEqual([
      'eu-west-3a',
      'eu-west-3b',
    ]);
  });

  it('gives every service a task role of its own, apart from the execution role', () => {
    const roles = [0, 1, 2].map(i => {
      const input = buildTaskDefinitionInput(
        '123456789012',
        'us-east-1',
        'svc',
        i,
      );
      return [input.taskRoleArn, input.executionRoleArn];
    });
    expect(new Set(roles.map(r => r[0])).size).toBe(3);
    for (const [task, execution] of roles) expect(task).not.toBe(execution);
  });

  it('creates the first service alarms and the DLQ alarms, the memory alarm without an action', () => {
    const alarms = storyAlarms({
      region: 'us-east-1',
      accountId: '123456789012',
      resources: {
        ecsServices: [{ cluster: 'web-cluster', service: 'web' }],
        queues: { workflowsDlq: 'wd.fifo', rateLimiterDlq: 'rd' },
        topics: { opsAlerts: 'ops' },
      } as any,
    });
    expect(alarms.map(a => [a.AlarmName, a.Threshold, a.AlarmActions])).toEqual(
      [
        [
          'web-cluster-web-cpu-high',
          70,
          ['arn:aws:sns:us-east-1:123456789012:ops'],
        ],
        ['web-cluster-web-memory-high', 80, []],
        ['web-cluster-web-down', 1, ['arn:aws:sns:us-east-1:123456789012:ops']],
        ['wd.fifo-depth', 10, ['arn:aws:sns:us-east-1:123456789012:ops']],
        ['rd-depth', 10, ['arn:aws:sns:us-east-1:123456789012:ops']],
      ],
    );
  });
});
