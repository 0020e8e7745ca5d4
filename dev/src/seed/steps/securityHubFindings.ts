import { createHash } from 'node:crypto';
import type {
  AwsSecurityFinding,
  SeverityLabel,
} from '@aws-sdk/client-securityhub';
import {
  accountResourceId,
  cloudTrailArn,
  dynamoTableArn,
  ecsClusterArn,
  elastiCacheReplicationGroupArn,
  rdsInstanceArn,
  s3BucketArn,
  sqsQueueArn,
  AccountScope,
} from '../arns';
import type { ResourceNames } from '../resources';
import { STATIC_SITE_BUCKET } from './s3';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ASFF_SCHEMA_VERSION = '2018-10-08';
const COMPLIANCE_TYPE =
  'Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices';

export interface FindingsInput extends AccountScope {
  resources: ResourceNames;
  now: Date;
}

/** A failed FSBP control on one resource. */
interface ControlFailure {
  controlId: string;
  title: string;
  severity: SeverityLabel;
  resourceType: string;
  resourceId: string;
  firstSeenDaysAgo: number;
}

/** A threat finding that GuardDuty forwarded to Security Hub. */
interface ThreatFinding {
  findingType: string;
  asffType: string;
  title: string;
  description: string;
  severity: 'HIGH' | 'MEDIUM';
  /** GuardDuty's own 0.1–8.9 score, kept as Severity.Original. */
  score: number;
  resourceType: string;
  resourceId: string;
  firstSeenDaysAgo: number;
}

/**
 * Stable finding ids (a UUID-shaped hash of what the finding is about), so importing
 * the same story again updates the findings instead of adding copies.
 */
export function stableFindingUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `a${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** One failed control per problem the story plants, on the resource that has it. */
function controlFailures(input: FindingsInput): ControlFailure[] {
  const { resources: r } = input;
  const account = {
    resourceType: 'AwsAccount',
    resourceId: accountResourceId(input),
  };
  const redis = {
    resourceType: 'AwsElastiCacheReplicationGroup',
    resourceId: elastiCacheReplicationGroupArn(
      input,
      r.redisReplicationGroupId,
    ),
  };
  const clustersWithoutInsights = r.ecsClusters.slice(1).map(name => ({
    controlId: 'ECS.12',
    title: 'ECS clusters should use Container Insights',
    severity: 'MEDIUM' as const,
    resourceType: 'AwsEcsCluster',
    resourceId: ecsClusterArn(input, name),
    firstSeenDaysAgo: 21,
  }));
  return [
    {
      controlId: 'ElastiCache.4',
      title: 'ElastiCache replication groups should be encrypted at rest',
      severity: 'MEDIUM',
      ...redis,
      firstSeenDaysAgo: 30,
    },
    {
      controlId: 'ElastiCache.5',
      title: 'ElastiCache replication groups should be encrypted in transit',
      severity: 'MEDIUM',
      ...redis,
      firstSeenDaysAgo: 30,
    },
    {
      controlId: 'ElastiCache.6',
      title:
        'ElastiCache (Redis OSS) replication groups of earlier versions should have Redis OSS AUTH enabled',
      severity: 'MEDIUM',
      ...redis,
      firstSeenDaysAgo: 30,
    },
    // The production instance carries the same name as its parameter group.
    {
      controlId: 'RDS.3',
      title: 'RDS DB instances should have encryption at-rest enabled',
      severity: 'MEDIUM',
      resourceType: 'AwsRdsDbInstance',
      resourceId: rdsInstanceArn(input, r.rdsParameterGroupName),
      firstSeenDaysAgo: 30,
    },
    {
      controlId: 'S3.1',
      title:
        'S3 general purpose buckets should have block public access settings enabled',
      severity: 'MEDIUM',
      ...account,
      firstSeenDaysAgo: 30,
    },
    {
      controlId: 'S3.2',
      title: 'S3 general purpose buckets should block public read access',
      severity: 'CRITICAL',
      resourceType: 'AwsS3Bucket',
      resourceId: s3BucketArn(STATIC_SITE_BUCKET),
      firstSeenDaysAgo: 12,
    },
    {
      controlId: 'CloudTrail.1',
      title:
        'CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events',
      severity: 'HIGH',
      ...account,
      firstSeenDaysAgo: 30,
    },
    {
      controlId: 'CloudTrail.4',
      title: 'CloudTrail log file validation should be enabled',
      severity: 'LOW',
      resourceType: 'AwsCloudTrailTrail',
      resourceId: cloudTrailArn(input, r.cloudTrailName),
      firstSeenDaysAgo: 30,
    },
    {
      controlId: 'GuardDuty.1',
      title: 'GuardDuty should be enabled',
      severity: 'HIGH',
      ...account,
      firstSeenDaysAgo: 6,
    },
    ...clustersWithoutInsights,
    {
      controlId: 'SQS.1',
      title: 'Amazon SQS queues should be encrypted at rest',
      severity: 'MEDIUM',
      resourceType: 'AwsSqsQueue',
      resourceId: sqsQueueArn(input, r.queues.rateLimiter),
      firstSeenDaysAgo: 9,
    },
    {
      controlId: 'DynamoDB.2',
      title: 'DynamoDB tables should have point-in-time recovery enabled',
      severity: 'MEDIUM',
      resourceType: 'AwsDynamoDbTable',
      resourceId: dynamoTableArn(input, r.tables.aiCosts),
      firstSeenDaysAgo: 14,
    },
  ];
}

/**
 * Threats GuardDuty reported while its detector was still running (the story has it
 * switched off since). Security Hub keeps such findings for 90 days, which is also the
 * only place they can be read locally: the emulator has no GuardDuty findings API.
 */
function threatFindings(input: FindingsInput): ThreatFinding[] {
  return [
    {
      findingType:
        'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      asffType:
        'TTPs/Initial Access/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS',
      title:
        'Credentials for the EC2 instance role used from an external IP address',
      description:
        'Task role credentials of the workers cluster were used from 203.0.113.24, an address outside AWS.',
      severity: 'HIGH',
      score: 8,
      resourceType: 'AwsIamAccessKey',
      resourceId: `arn:aws:iam::${input.accountId}:role/huntaze-workers-task-role`,
      firstSeenDaysAgo: 8,
    },
    {
      findingType: 'Recon:IAMUser/MaliciousIPCaller',
      asffType: 'TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller',
      title: 'API ListBuckets was invoked from a known malicious IP address',
      description:
        'An API commonly used for reconnaissance was called from 198.51.100.7, listed on a threat intelligence feed.',
      severity: 'MEDIUM',
      score: 5,
      resourceType: 'AwsIamAccessKey',
      resourceId: `arn:aws:iam::${input.accountId}:user/ci-deployer`,
      firstSeenDaysAgo: 10,
    },
    {
      findingType: 'Recon:EC2/PortProbeUnprotectedPort',
      asffType: 'TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort',
      title: 'Unprotected port on the Redis host is being probed',
      description: 'Port 6379 is reachable and being probed by 192.0.2.15.',
      severity: 'MEDIUM',
      score: 5,
      resourceType: 'AwsElastiCacheReplicationGroup',
      resourceId: elastiCacheReplicationGroupArn(
        input,
        input.resources.redisReplicationGroupId,
      ),
      firstSeenDaysAgo: 11,
    },
  ];
}

const iso = (now: Date, msAgo: number) =>
  new Date(now.getTime() - msAgo).toISOString();

function resource(input: FindingsInput, type: string, id: string) {
  return [
    { Type: type, Id: id, Partition: 'aws' as const, Region: input.region },
  ];
}

function buildControlFinding(
  input: FindingsInput,
  c: ControlFailure,
): AwsSecurityFinding {
  const { accountId, region, now } = input;
  const Id = `arn:aws:securityhub:${region}:${accountId}:security-control/${
    c.controlId
  }/finding/${stableFindingUuid(c.controlId, c.resourceId)}`;
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    GeneratorId: `security-control/${c.controlId}`,
    AwsAccountId: accountId,
    Region: region,
    Types: [COMPLIANCE_TYPE],
    FirstObservedAt: iso(now, c.firstSeenDaysAgo * DAY_MS),
    CreatedAt: iso(now, c.firstSeenDaysAgo * DAY_MS),
    // Security Hub re-evaluates controls continuously: last seen a few hours ago.
    LastObservedAt: iso(now, 3 * HOUR_MS),
    UpdatedAt: iso(now, 3 * HOUR_MS),
    Severity: { Label: c.severity },
    Title: c.title,
    Description: `This AWS control checks: ${c.title}.`,
    Remediation: {
      Recommendation: {
        Text: `For information on how to correct this issue, consult the AWS Security Hub controls documentation for ${c.controlId}.`,
        Url: `https://docs.aws.amazon.com/console/securityhub/${c.controlId}/remediation`,
      },
    },
    Resources: resource(input, c.resourceType, c.resourceId),
    Compliance: { Status: 'FAILED', SecurityControlId: c.controlId },
    Workflow: { Status: 'NEW' },
    WorkflowState: 'NEW',
    RecordState: 'ACTIVE',
  };
}

function buildThreatFinding(
  input: FindingsInput,
  t: ThreatFinding,
): AwsSecurityFinding {
  const { accountId, region, now } = input;
  // GuardDuty finding ids are 32 hex characters; the detector id is the same shape.
  const findingId = stableFindingUuid('guardduty', t.findingType).replace(
    /-/g,
    '',
  );
  const detectorId = stableFindingUuid('guardduty-detector', accountId).replace(
    /-/g,
    '',
  );
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}/finding/${findingId}`,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/guardduty`,
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    GeneratorId: `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}`,
    AwsAccountId: accountId,
    Region: region,
    Types: [t.asffType],
    FirstObservedAt: iso(now, t.firstSeenDaysAgo * DAY_MS),
    LastObservedAt: iso(now, (t.firstSeenDaysAgo - 1) * DAY_MS),
    CreatedAt: iso(now, t.firstSeenDaysAgo * DAY_MS),
    UpdatedAt: iso(now, (t.firstSeenDaysAgo - 1) * DAY_MS),
    Severity: { Label: t.severity, Original: String(t.score) },
    Title: t.title,
    Description: t.description,
    ProductFields: {
      'aws/guardduty/service/additionalInfo/type': t.findingType,
    },
    Resources: resource(input, t.resourceType, t.resourceId),
    Workflow: { Status: 'NEW' },
    WorkflowState: 'NEW',
    RecordState: 'ACTIVE',
  };
}

/** All findings of the story, timestamps relative to `now`. Pure. */
export function buildStoryFindings(input: FindingsInput): AwsSecurityFinding[] {
  return [
    ...controlFailures(input).map(c => buildControlFinding(input, c)),
    ...threatFindings(input).map(t => buildThreatFinding(input, t)),
  ];
}
