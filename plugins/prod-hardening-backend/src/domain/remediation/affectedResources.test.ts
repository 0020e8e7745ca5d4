import { affectedResourceArns, queueArn } from './affectedResources';
import type { RemediationAction } from './actions';

const scope = {
  partition: 'aws',
  accountId: '123456789012',
  region: 'us-east-1',
};

describe('affectedResourceArns', () => {
  it('names each resource an action changes by its ARN, once', () => {
    const actions: RemediationAction[] = [
      {
        service: 'ecs',
        action: 'UpdateCluster',
        params: {
          cluster: 'huntaze-web-production',
          settings: [{ name: 'containerInsights', value: 'enabled' }],
        },
      },
      {
        service: 'dynamodb',
        action: 'UpdateContinuousBackups',
        params: {
          TableName: 'huntaze-ai-costs-production',
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
        },
      },
      {
        service: 'cloudtrail',
        action: 'UpdateTrail',
        params: {
          Name: 'huntaze-trail',
          IsMultiRegionTrail: true,
          EnableLogFileValidation: true,
        },
      },
      {
        service: 'cloudtrail',
        action: 'StartLogging',
        params: { Name: 'huntaze-trail' },
      },
      {
        service: 'logs',
        action: 'PutRetentionPolicy',
        params: { logGroupName: '/ecs/web', retentionInDays: 30 },
      },
    ];
    expect(affectedResourceArns(actions, scope)).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production',
      'arn:aws:dynamodb:us-east-1:123456789012:table/huntaze-ai-costs-production',
      'arn:aws:cloudtrail:us-east-1:123456789012:trail/huntaze-trail',
      'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web',
    ]);
  });

  it('gives account-wide settings the account ARN', () => {
    const actions: RemediationAction[] = [
      {
        service: 'guardduty',
        action: 'CreateDetector',
        params: { Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' },
      },
      {
        service: 's3control',
        action: 'PutPublicAccessBlock',
        params: {
          AccountId: '123456789012',
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
      },
    ];
    expect(affectedResourceArns(actions, scope)).toEqual([
      'arn:aws:iam::123456789012:root',
    ]);
  });

  it('keeps an ARN the action already takes', () => {
    const trail = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/org';
    expect(
      affectedResourceArns(
        [
          {
            service: 'cloudtrail',
            action: 'StartLogging',
            params: { Name: trail },
          },
        ],
        scope,
      ),
    ).toEqual([trail]);
  });
});

describe('queueArn', () => {
  it('reads the account and name from an AWS queue URL', () => {
    expect(
      queueArn(
        'https://sqs.us-east-1.amazonaws.com/210987654321/huntaze-rate-limiter-dlq',
        scope,
      ),
    ).toBe('arn:aws:sqs:us-east-1:210987654321:huntaze-rate-limiter-dlq');
  });

  it('reads an endpoint URL the same way', () => {
    expect(
      queueArn(
        'http://127.0.0.1:5055/123456789012/huntaze-hybrid-workflows.fifo',
        scope,
      ),
    ).toBe('arn:aws:sqs:us-east-1:123456789012:huntaze-hybrid-workflows.fifo');
  });
});
