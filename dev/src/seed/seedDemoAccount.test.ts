import { resolve } from 'node:path';
import { DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeBudgetCommand,
  DescribeNotificationsForBudgetCommand,
} from '@aws-sdk/client-budgets';
import {
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateVpcEndpointCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  UpdateClusterCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import {
  CreateDetectorCommand,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import {
  DescribeDBParametersCommand,
  ModifyDBParameterGroupCommand,
} from '@aws-sdk/client-rds';
import {
  CreateEventSourceMappingCommand,
  GetAliasCommand,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  ListBucketsCommand,
  PutBucketLifecycleConfigurationCommand,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3-control';
import {
  AwsSecurityFinding,
  DescribeHubCommand,
  GetFindingsCommand,
} from '@aws-sdk/client-securityhub';
import {
  DescribeSecretCommand,
  RotateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  GetTopicAttributesCommand,
  ListTopicsCommand,
  SetTopicAttributesCommand,
} from '@aws-sdk/client-sns';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import { startMoto, MotoServer } from '../stack';
import { createSeedClients, SeedClients } from './clients';
import { loadResourceNames, ResourceNames } from './resources';
import { seedDemoAccount, SeedOptions } from './seedDemoAccount';

jest.setTimeout(30_000);

const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';
/** Mid-November: a 30-day month, so month-to-date spend is exactly half. */
const NOW = new Date('2026-11-16T00:00:00Z');

let moto: MotoServer;
let aws: SeedClients;
let resources: ResourceNames;
let options: SeedOptions;

beforeAll(async () => {
  moto = await startMoto({ accountId: ACCOUNT_ID });
  aws = createSeedClients({ endpoint: moto.endpoint, region: REGION });
  resources = await loadResourceNames(
    resolve(__dirname, '../../../app-config.yaml'),
  );
  options = {
    endpoint: moto.endpoint,
    region: REGION,
    accountId: ACCOUNT_ID,
    resources,
    now: NOW,
  };
});

afterAll(async () => {
  aws?.destroy();
  await moto?.stop();
});

async function allFindings(): Promise<AwsSecurityFinding[]> {
  const findings: AwsSecurityFinding[] = [];
  let NextToken: string | undefined;
  do {
    const page = await aws.securityHub.send(
      new GetFindingsCommand({ NextToken, MaxResults: 100 }),
    );
    findings.push(...(page.Findings ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return findings;
}

async function queueAttributes(name: string) {
  const { QueueUrl } = await aws.sqs.send(
    new GetQueueUrlCommand({ QueueName: name }),
  );
  const res = await aws.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
  );
  return { url: QueueUrl!, attributes: res.Attributes ?? {} };
}

async function topicKey(name: string): Promise<string | undefined> {
  const { Attributes } = await aws.sns.send(
    new GetTopicAttributesCommand({
      TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}`,
    }),
  );
  return Attributes?.KmsMasterKeyId;
}

/** Service names of the live gateway endpoints of the application VPC. */
async function gatewayEndpoints(): Promise<string[]> {
  const { Vpcs = [] } = await aws.ec2.send(
    new DescribeVpcsCommand({
      Filters: [{ Name: 'tag:Name', Values: [resources.appVpc] }],
    }),
  );
  const { VpcEndpoints = [] } = await aws.ec2.send(
    new DescribeVpcEndpointsCommand({
      Filters: [{ Name: 'vpc-id', Values: [Vpcs[0].VpcId!] }],
    }),
  );
  return VpcEndpoints.filter(e => e.State?.toLowerCase() !== 'deleted')
    .map(e => e.ServiceName!)
    .sort();
}

/** Alarms Application Auto Scaling creates and owns for a target-tracking policy. */
const isTargetTrackingAlarm = (name?: string) =>
  name?.startsWith('TargetTracking-') ?? false;

async function forceSsl(): Promise<string | undefined> {
  const res = await aws.rds.send(
    new DescribeDBParametersCommand({
      DBParameterGroupName: resources.rdsParameterGroupName,
    }),
  );
  return res.Parameters?.find(p => p.ParameterName === 'rds.force_ssl')
    ?.ParameterValue;
}

describe('seedDemoAccount on a fresh emulator', () => {
  beforeAll(async () => {
    await moto.reset();
    await seedDemoAccount(options);
  });

  it('creates the Redis replication group without encryption or AUTH', async () => {
    const res = await aws.elastiCache.send(
      new DescribeReplicationGroupsCommand({
        ReplicationGroupId: resources.redisReplicationGroupId,
      }),
    );
    expect(res.ReplicationGroups?.[0]).toMatchObject({
      AtRestEncryptionEnabled: false,
      TransitEncryptionEnabled: false,
      AuthTokenEnabled: false,
    });
  });

  it('leaves rds.force_ssl off in the PostgreSQL parameter group', async () => {
    expect(await forceSsl()).not.toBe('1');
  });

  it('creates the buckets, a public static website, and no account Block Public Access', async () => {
    const { Buckets = [] } = await aws.s3.send(new ListBucketsCommand({}));
    expect(Buckets.map(b => b.Name).sort()).toEqual([
      'huntaze-assets-production',
      `huntaze-cloudtrail-logs-${ACCOUNT_ID}`,
      'huntaze-static-site-production',
      'huntaze-uploads-production',
    ]);
    const site = await aws.s3.send(
      new GetBucketWebsiteCommand({ Bucket: 'huntaze-static-site-production' }),
    );
    expect(site.IndexDocument?.Suffix).toBe('index.html');
    const policy = await aws.s3.send(
      new GetBucketPolicyCommand({ Bucket: 'huntaze-static-site-production' }),
    );
    expect(JSON.parse(policy.Policy!).Statement[0].Principal).toBe('*');
    await expect(
      aws.s3Control.send(
        new GetPublicAccessBlockCommand({ AccountId: ACCOUNT_ID }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration' });
  });

  it('creates a logging single-region trail without log file validation', async () => {
    const { trailList = [] } = await aws.cloudTrail.send(
      new DescribeTrailsCommand({ trailNameList: [resources.cloudTrailName] }),
    );
    expect(trailList[0]).toMatchObject({
      Name: resources.cloudTrailName,
      S3BucketName: `huntaze-cloudtrail-logs-${ACCOUNT_ID}`,
      IsMultiRegionTrail: false,
      LogFileValidationEnabled: false,
    });
    const status = await aws.cloudTrail.send(
      new GetTrailStatusCommand({ Name: resources.cloudTrailName }),
    );
    expect(status.IsLogging).toBe(true);
  });

  it('leaves GuardDuty without a detector', async () => {
    const res = await aws.guardDuty.send(new ListDetectorsCommand({}));
    expect(res.DetectorIds).toEqual([]);
  });

  it('enables Security Hub with FSBP control findings and GuardDuty threats', async () => {
    await expect(
      aws.securityHub.send(new DescribeHubCommand({})),
    ).resolves.toBeDefined();
    const findings = await allFindings();
    const controlIds = findings
      .map(f => f.Compliance?.SecurityControlId)
      .filter(Boolean);
    expect(controlIds).toEqual(
      expect.arrayContaining([
        'ElastiCache.4',
        'S3.1',
        'CloudTrail.1',
        'ECS.12',
      ]),
    );
    const guardDuty = findings.filter(f => f.ProductName === 'GuardDuty');
    expect(new Set(guardDuty.map(f => f.Severity?.Label))).toEqual(
      new Set(['HIGH', 'MEDIUM', 'LOW']),
    );
    expect(findings.length).toBeGreaterThanOrEqual(250);
    // Findings about resources whose ids the emulator chose carry those ids.
    const { Vpcs = [] } = await aws.ec2.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'tag:Name', Values: [resources.appVpc] }],
      }),
    );
    expect(findings.map(f => f.Resources?.[0].Id)).toContain(
      `arn:aws:ec2:${REGION}:${ACCOUNT_ID}:vpc/${Vpcs[0].VpcId}`,
    );
    for (const f of findings) {
      expect(f.RecordState).toBe('ACTIVE');
      expect(Date.parse(f.CreatedAt!)).toBeLessThan(NOW.getTime());
    }
  });

  it('creates the ECS clusters with Container Insights on the first one only', async () => {
    const res = await aws.ecs.send(
      new DescribeClustersCommand({
        clusters: resources.ecsClusters,
        include: ['SETTINGS'],
      }),
    );
    const insights = resources.ecsClusters.map(
      name =>
        res.clusters
          ?.find(c => c.clusterName === name)
          ?.settings?.find(s => s.name === 'containerInsights')?.value,
    );
    expect(insights).toEqual(['enabled', 'disabled', 'disabled']);
  });

  it('creates the queues with DLQ redrive after 5 receives and SSE off on the rate-limiter queue', async () => {
    const q = resources.queues;
    const workflows = await queueAttributes(q.workflows);
    const rateLimiter = await queueAttributes(q.rateLimiter);
    expect(workflows.attributes.FifoQueue).toBe('true');
    expect((await queueAttributes(q.workflowsDlq)).attributes.FifoQueue).toBe(
      'true',
    );
    for (const [main, dlq] of [
      [workflows, q.workflowsDlq],
      [rateLimiter, q.rateLimiterDlq],
    ] as const) {
      expect(main.attributes.VisibilityTimeout).toBe('180');
      expect(JSON.parse(main.attributes.RedrivePolicy!)).toEqual({
        deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${dlq}`,
        maxReceiveCount: 5,
      });
    }
    expect(rateLimiter.attributes.SqsManagedSseEnabled).toBe('false');
    expect(workflows.attributes.SqsManagedSseEnabled).toBe('true');
  });

  it('creates the cost tables on pk/sk, on demand, without TTL or PITR', async () => {
    for (const TableName of Object.values(resources.tables)) {
      const { Table } = await aws.dynamoDb.send(
        new DescribeTableCommand({ TableName }),
      );
      expect(
        Table?.KeySchema?.map(k => `${k.AttributeName}:${k.KeyType}`),
      ).toEqual(['pk:HASH', 'sk:RANGE']);
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      const ttl = await aws.dynamoDb.send(
        new DescribeTimeToLiveCommand({ TableName }),
      );
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).not.toBe('ENABLED');
      const backups = await aws.dynamoDb.send(
        new DescribeContinuousBackupsCommand({ TableName }),
      );
      expect(
        backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
          ?.PointInTimeRecoveryStatus,
      ).toBe('DISABLED');
    }
  });

  it('creates the SNS topics', async () => {
    const { Topics = [] } = await aws.sns.send(new ListTopicsCommand({}));
    const names = Topics.map(t => t.TopicArn!.split(':').pop());
    expect(names).toEqual(
      expect.arrayContaining(Object.values(resources.topics)),
    );
  });

  it('encrypts the alert topics, the ops topic with the AWS managed key', async () => {
    expect(await topicKey(resources.topics.costAlerts)).toBe(
      'alias/huntaze-production-hardening',
    );
    expect(await topicKey(resources.topics.securityAlerts)).toBe(
      'alias/huntaze-production-hardening',
    );
    expect(await topicKey(resources.topics.opsAlerts)).toBe('alias/aws/sns');
  });

  it('rotates the database secret every 30 days and never the API tokens', async () => {
    const rotation = await Promise.all(
      resources.secrets.map(async SecretId => {
        const s = await aws.secretsManager.send(
          new DescribeSecretCommand({ SecretId }),
        );
        return [
          s.RotationEnabled ?? false,
          s.RotationRules?.AutomaticallyAfterDays,
        ];
      }),
    );
    expect(rotation).toEqual([
      [true, 30],
      [false, undefined],
      [false, undefined],
    ]);
  });

  it('gives the application VPC an S3 gateway endpoint but none for DynamoDB', async () => {
    expect(await gatewayEndpoints()).toEqual([`com.amazonaws.${REGION}.s3`]);
  });

  it('runs each service with a task role of its own', async () => {
    const roles = [];
    for (const { cluster, service } of resources.ecsServices) {
      const { services = [] } = await aws.ecs.send(
        new DescribeServicesCommand({ cluster, services: [service] }),
      );
      const { taskDefinition } = await aws.ecs.send(
        new DescribeTaskDefinitionCommand({
          taskDefinition: services[0].taskDefinition,
        }),
      );
      roles.push(
        [taskDefinition?.taskRoleArn, taskDefinition?.executionRoleArn].map(
          arn => arn?.split('/').pop(),
        ),
      );
    }
    expect(roles).toEqual([
      ['huntaze-ecs-task', 'huntaze-ecs-task-execution'],
      ['huntaze-workers-task-role', 'huntaze-ecs-task-execution'],
      ['huntaze-ai-task-role', 'huntaze-ecs-task-execution'],
    ]);
  });

  it("creates only part of the plan's alarms, one of them without an action", async () => {
    const { MetricAlarms = [] } = await aws.cloudWatch.send(
      new DescribeAlarmsCommand({}),
    );
    const [{ cluster, service }] = resources.ecsServices;
    expect(
      MetricAlarms.filter(a => !isTargetTrackingAlarm(a.AlarmName))
        .map(a => [a.AlarmName, a.AlarmActions?.length])
        .sort(),
    ).toEqual(
      [
        [`${cluster}-${service}-cpu-high`, 1],
        [`${cluster}-${service}-down`, 1],
        [`${cluster}-${service}-memory-high`, 0],
        [`${resources.queues.rateLimiterDlq}-depth`, 1],
        [`${resources.queues.workflowsDlq}-depth`, 1],
      ].sort(),
    );
  });

  it('gives two services the circuit breaker, scales web on CPU and memory, workers on CPU only and the AI service not at all', async () => {
    const circuitBreakers = await Promise.all(
      resources.ecsServices.map(async ({ cluster, service }) => {
        const { services = [] } = await aws.ecs.send(
          new DescribeServicesCommand({ cluster, services: [service] }),
        );
        return services[0].deploymentConfiguration?.deploymentCircuitBreaker
          ?.enable;
      }),
    );
    expect(circuitBreakers).toEqual([true, true, undefined]);
    const policies = await Promise.all(
      resources.ecsServices.map(async ({ cluster, service }) => {
        const { ScalingPolicies = [] } = await aws.applicationAutoScaling.send(
          new DescribeScalingPoliciesCommand({
            ServiceNamespace: 'ecs',
            ResourceId: `service/${cluster}/${service}`,
          }),
        );
        return ScalingPolicies.map(p => p.PolicyName).sort();
      }),
    );
    const [web, workers] = resources.ecsServices.map(
      s => `${s.cluster}-${s.service}`,
    );
    expect(policies).toEqual([
      [`${web}-cpu-target`, `${web}-memory-target`],
      [`${workers}-cpu-target`],
      [],
    ]);
    // Target tracking creates its own alarms, as on AWS.
    const { MetricAlarms = [] } = await aws.cloudWatch.send(
      new DescribeAlarmsCommand({}),
    );
    expect(
      MetricAlarms.filter(a => isTargetTrackingAlarm(a.AlarmName)),
    ).toHaveLength(6);
  });

  it('versions both Intelligent-Tiering buckets and tiers only the first one', async () => {
    const [tiered, untiered] = resources.intelligentTieringBuckets;
    for (const bucket of [tiered, untiered]) {
      const { Status } = await aws.s3.send(
        new GetBucketVersioningCommand({ Bucket: bucket }),
      );
      expect(Status).toBe('Enabled');
    }
    const { Rules = [] } = await aws.s3.send(
      new GetBucketLifecycleConfigurationCommand({ Bucket: tiered }),
    );
    expect(Rules.map(r => r.ID)).toEqual([
      'intelligent-tiering',
      'expire-noncurrent-versions',
    ]);
    await expect(
      aws.s3.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: untiered }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchLifecycleConfiguration' });
  });

  it('maps the rate-limiter queue to the unqualified function although the live alias exists', async () => {
    const fn = resources.rateLimiterFunctionName;
    const alias = await aws.lambda.send(
      new GetAliasCommand({
        FunctionName: fn,
        Name: resources.rateLimiterAlias,
      }),
    );
    expect(alias.FunctionVersion).toBe('1');
    const { EventSourceMappings = [] } = await aws.lambda.send(
      new ListEventSourceMappingsCommand({
        EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${resources.queues.rateLimiter}`,
      }),
    );
    expect(EventSourceMappings.map(m => [m.FunctionArn, m.State])).toEqual([
      [`arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${fn}`, 'Disabled'],
    ]);
  });

  it('creates a $500 monthly budget with ~$750 forecast and 80%/100% alerts', async () => {
    const { Budget } = await aws.budgets.send(
      new DescribeBudgetCommand({
        AccountId: ACCOUNT_ID,
        BudgetName: resources.budgetName,
      }),
    );
    expect(Number(Budget?.BudgetLimit?.Amount)).toBe(500);
    expect(
      Number(Budget?.CalculatedSpend?.ForecastedSpend?.Amount),
    ).toBeCloseTo(750, 0);
    expect(Number(Budget?.CalculatedSpend?.ActualSpend?.Amount)).toBe(375);
    const { Notifications = [] } = await aws.budgets.send(
      new DescribeNotificationsForBudgetCommand({
        AccountId: ACCOUNT_ID,
        BudgetName: resources.budgetName,
      }),
    );
    expect(
      Notifications.map(n => `${n.NotificationType} ${n.Threshold}`).sort(),
    ).toEqual(['ACTUAL 100', 'FORECASTED 80']);
  });
});

describe('seedDemoAccount run again', () => {
  beforeAll(() => moto.reset());

  it('is idempotent: the second run creates nothing and leaves the same state', async () => {
    await seedDemoAccount(options);
    const findingsAfterFirst = (await allFindings()).length;
    const queuesAfterFirst = await queueAttributes(
      resources.queues.rateLimiter,
    );

    const second = await seedDemoAccount(options);

    expect(second.steps.flatMap(s => s.created)).toEqual([]);
    expect(second.steps.flatMap(s => s.removed)).toEqual([]);
    expect(await allFindings()).toHaveLength(findingsAfterFirst);
    // SetQueueAttributes bumps LastModifiedTimestamp even when nothing changes.
    const { LastModifiedTimestamp: _touched, ...after } = (
      await queueAttributes(resources.queues.rateLimiter)
    ).attributes;
    const { LastModifiedTimestamp: _before, ...before } =
      queuesAfterFirst.attributes;
    expect(after).toEqual(before);
    const { Buckets = [] } = await aws.s3.send(new ListBucketsCommand({}));
    expect(Buckets).toHaveLength(4);
  });

  it('puts remediated resources back into the starting story', async () => {
    await seedDemoAccount(options);
    // What the portal's remediations would do:
    await aws.guardDuty.send(new CreateDetectorCommand({ Enable: true }));
    await aws.s3Control.send(
      new PutPublicAccessBlockCommand({
        AccountId: ACCOUNT_ID,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
        },
      }),
    );
    await aws.rds.send(
      new ModifyDBParameterGroupCommand({
        DBParameterGroupName: resources.rdsParameterGroupName,
        Parameters: [
          {
            ParameterName: 'rds.force_ssl',
            ParameterValue: '1',
            ApplyMethod: 'immediate',
          },
        ],
      }),
    );
    await aws.cloudTrail.send(
      new UpdateTrailCommand({
        Name: resources.cloudTrailName,
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
      }),
    );
    await aws.ecs.send(
      new UpdateClusterCommand({
        cluster: resources.ecsClusters[2],
        settings: [{ name: 'containerInsights', value: 'enabled' }],
      }),
    );
    const rateLimiter = await queueAttributes(resources.queues.rateLimiter);
    await aws.sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: rateLimiter.url,
        Attributes: { SqsManagedSseEnabled: 'true' },
      }),
    );
    await aws.dynamoDb.send(
      new UpdateContinuousBackupsCommand({
        TableName: resources.tables.aiCosts,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );

    await aws.ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: (
          await aws.ec2.send(
            new DescribeVpcsCommand({
              Filters: [{ Name: 'tag:Name', Values: [resources.appVpc] }],
            }),
          )
        ).Vpcs![0].VpcId!,
        ServiceName: `com.amazonaws.${REGION}.dynamodb`,
        VpcEndpointType: 'Gateway',
      }),
    );
    await aws.sns.send(
      new SetTopicAttributesCommand({
        TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${resources.topics.opsAlerts}`,
        AttributeName: 'KmsMasterKeyId',
        AttributeValue: '',
      }),
    );
    await aws.secretsManager.send(
      new RotateSecretCommand({
        SecretId: resources.secrets[1],
        RotationRules: { AutomaticallyAfterDays: 30 },
      }),
    );

    const [, , ai] = resources.ecsServices;
    await aws.ecs.send(
      new UpdateServiceCommand({
        cluster: ai.cluster,
        service: ai.service,
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      }),
    );
    await aws.s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: resources.intelligentTieringBuckets[1],
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'intelligent-tiering',
              Status: 'Enabled',
              Filter: { Prefix: '' },
              Transitions: [{ Days: 0, StorageClass: 'INTELLIGENT_TIERING' }],
            },
          ],
        },
      }),
    );
    const limiterQueueArn = `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${resources.queues.rateLimiter}`;
    await aws.lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: limiterQueueArn,
        FunctionName: `${resources.rateLimiterFunctionName}:${resources.rateLimiterAlias}`,
        Enabled: false,
      }),
    );

    const reseed = await seedDemoAccount(options);

    expect(reseed.steps.flatMap(s => s.removed)).toEqual(
      expect.arrayContaining([
        'account-level S3 Block Public Access',
        `circuit breaker of ${ai.cluster}/${ai.service}`,
        `lifecycle rules of ${resources.intelligentTieringBuckets[1]}`,
      ]),
    );
    const { services: [aiService] = [] } = await aws.ecs.send(
      new DescribeServicesCommand({
        cluster: ai.cluster,
        services: [ai.service],
      }),
    );
    expect(
      aiService.deploymentConfiguration?.deploymentCircuitBreaker?.enable,
    ).toBe(false);
    const { EventSourceMappings = [] } = await aws.lambda.send(
      new ListEventSourceMappingsCommand({ EventSourceArn: limiterQueueArn }),
    );
    expect(EventSourceMappings.map(m => m.FunctionArn)).toEqual([
      `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${resources.rateLimiterFunctionName}`,
    ]);
    expect(
      (await aws.guardDuty.send(new ListDetectorsCommand({}))).DetectorIds,
    ).toEqual([]);
    await expect(
      aws.s3Control.send(
        new GetPublicAccessBlockCommand({ AccountId: ACCOUNT_ID }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration' });
    expect(await forceSsl()).toBe('0');
    expect(await gatewayEndpoints()).toEqual([`com.amazonaws.${REGION}.s3`]);
    expect(await topicKey(resources.topics.opsAlerts)).toBe('alias/aws/sns');
    const token = await aws.secretsManager.send(
      new DescribeSecretCommand({ SecretId: resources.secrets[1] }),
    );
    expect(token.RotationEnabled ?? false).toBe(false);
    const { trailList = [] } = await aws.cloudTrail.send(
      new DescribeTrailsCommand({ trailNameList: [resources.cloudTrailName] }),
    );
    expect(trailList[0]).toMatchObject({
      IsMultiRegionTrail: false,
      LogFileValidationEnabled: false,
    });
    const clusters = await aws.ecs.send(
      new DescribeClustersCommand({
        clusters: [resources.ecsClusters[2]],
        include: ['SETTINGS'],
      }),
    );
    expect(clusters.clusters?.[0].settings).toEqual([
      { name: 'containerInsights', value: 'disabled' },
    ]);
    expect(
      (await queueAttributes(resources.queues.rateLimiter)).attributes
        .SqsManagedSseEnabled,
    ).toBe('false');
    const backups = await aws.dynamoDb.send(
      new DescribeContinuousBackupsCommand({
        TableName: resources.tables.aiCosts,
      }),
    );
    expect(
      backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
        ?.PointInTimeRecoveryStatus,
    ).toBe('DISABLED');
  });

  it('refreshes the budget spend when seeded at a later date', async () => {
    await seedDemoAccount(options);
    const later = await seedDemoAccount({
      ...options,
      now: new Date('2026-11-25T12:00:00Z'),
    });
    expect(later.steps.find(s => s.step === 'budgets')?.existing).toEqual([
      `budget ${resources.budgetName} (spend refreshed)`,
    ]);
    const { Budget } = await aws.budgets.send(
      new DescribeBudgetCommand({
        AccountId: ACCOUNT_ID,
        BudgetName: resources.budgetName,
      }),
    );
    expect(Number(Budget?.CalculatedSpend?.ActualSpend?.Amount)).toBeCloseTo(
      612.5,
      2,
    );
  });
});

describe('seedDemoAccount failures', () => {
  it('names the step that failed when the emulator is unreachable', async () => {
    await expect(
      seedDemoAccount({ ...options, endpoint: 'http://127.0.0.1:9' }),
    ).rejects.toThrow(/^seed step "sns" failed: /);
  });
});
