import type { ResourceEvidence } from '@prod-hardening/plugin-prod-hardening-common';
import type { Evaluation } from './evaluation';
import { countBy, worstStatus } from './evaluation';

// Plain fact shapes, so evaluation never depends on the SDK's types.

export interface PublicAccessBlockFacts {
  accountId: string;
  config: {
    blockPublicAcls: boolean;
    ignorePublicAcls: boolean;
    blockPublicPolicy: boolean;
    restrictPublicBuckets: boolean;
  } | null;
}

export function evaluateAccountPublicAccessBlock(
  f: PublicAccessBlockFacts,
): Evaluation {
  const resourceId = `arn:aws:s3:::account/${f.accountId}`;
  if (!f.config) {
    return {
      status: 'FAIL',
      summary:
        'The account has no S3 Block Public Access configuration: any bucket can be made public.',
      resources: [
        {
          resourceId,
          resourceType: 'AwsAccount',
          status: 'FAIL',
          evidence: 'no PublicAccessBlockConfiguration',
        },
      ],
    };
  }
  const off = Object.entries(f.config)
    .filter(([, on]) => !on)
    .map(([k]) => k);
  const evidence = Object.entries(f.config)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return off.length
    ? {
        status: 'FAIL',
        summary: `Account Block Public Access is partial: ${off.join(
          ', ',
        )} off.`,
        resources: [
          { resourceId, resourceType: 'AwsAccount', status: 'FAIL', evidence },
        ],
      }
    : {
        status: 'PASS',
        summary: 'All four account-level Block Public Access settings are on.',
        resources: [
          { resourceId, resourceType: 'AwsAccount', status: 'PASS', evidence },
        ],
      };
}

export interface GuardDutyFacts {
  region: string;
  detectors: Array<{ detectorId: string; status: string }>;
}

export function evaluateGuardDuty(f: GuardDutyFacts): Evaluation {
  if (f.detectors.length === 0) {
    return {
      status: 'FAIL',
      summary: `GuardDuty has no detector in ${f.region}: threats go undetected.`,
      resources: [
        {
          resourceId: `guardduty/${f.region}`,
          resourceType: 'AwsGuardDutyDetector',
          status: 'FAIL',
          evidence: 'no detector',
        },
      ],
    };
  }
  const resources: ResourceEvidence[] = f.detectors.map(d => ({
    resourceId: d.detectorId,
    resourceType: 'AwsGuardDutyDetector',
    status: d.status === 'ENABLED' ? 'PASS' : 'FAIL',
    evidence: `Status=${d.status}`,
  }));
  const enabled = resources.some(r => r.status === 'PASS');
  return {
    status: enabled ? 'PASS' : 'FAIL',
    summary: enabled
      ? `GuardDuty is enabled in ${f.region}.`
      : `GuardDuty detectors in ${f.region} are disabled.`,
    resources,
  };
}

export const FSBP_STANDARD_MARKER =
  'standards/aws-foundational-security-best-practices/';

export interface SecurityHubFacts {
  region: string;
  hubEnabled: boolean;
  hubArn?: string;
  /** undefined when the standards API could not be read (see standardsError). */
  enabledStandardsArns?: string[];
  standardsError?: string;
}

export function evaluateSecurityHub(f: SecurityHubFacts): Evaluation {
  const hubId = f.hubArn ?? `securityhub/${f.region}`;
  if (!f.hubEnabled) {
    return {
      status: 'FAIL',
      summary: `Security Hub is not enabled in ${f.region}.`,
      resources: [
        {
          resourceId: hubId,
          resourceType: 'AwsSecurityHubHub',
          status: 'FAIL',
          evidence: 'hub not enabled',
        },
      ],
    };
  }
  if (!f.enabledStandardsArns) {
    return {
      status: 'ERROR',
      summary: `Security Hub is enabled, but its standards could not be read: ${
        f.standardsError ?? 'unknown error'
      }.`,
      resources: [
        {
          resourceId: hubId,
          resourceType: 'AwsSecurityHubHub',
          status: 'ERROR',
          evidence: 'hub enabled; standards unknown',
        },
      ],
    };
  }
  const fsbp = f.enabledStandardsArns.some(arn =>
    arn.includes(FSBP_STANDARD_MARKER),
  );
  return {
    status: fsbp ? 'PASS' : 'FAIL',
    summary: fsbp
      ? 'Security Hub is enabled with the FSBP standard.'
      : 'Security Hub is enabled but the FSBP standard is not subscribed.',
    resources: [
      {
        resourceId: hubId,
        resourceType: 'AwsSecurityHubHub',
        status: fsbp ? 'PASS' : 'FAIL',
        evidence: `standards: ${
          f.enabledStandardsArns.length
            ? f.enabledStandardsArns.join(', ')
            : 'none'
        }`,
      },
    ],
  };
}

export interface CloudTrailFacts {
  trails: Array<{
    name: string;
    arn: string;
    isMultiRegion: boolean;
    logFileValidation: boolean;
    cloudWatchLogsGroupArn?: string;
    isLogging: boolean;
  }>;
}

export function evaluateCloudTrail(f: CloudTrailFacts): Evaluation {
  if (f.trails.length === 0) {
    return {
      status: 'FAIL',
      summary: 'No CloudTrail trail exists: API calls are not recorded.',
      resources: [
        {
          resourceId: 'cloudtrail',
          resourceType: 'AwsCloudTrailTrail',
          status: 'FAIL',
          evidence: 'no trail',
        },
      ],
    };
  }
  const resources: ResourceEvidence[] = f.trails.map(t => {
    const complete = t.isLogging && t.isMultiRegion && t.logFileValidation;
    return {
      resourceId: t.arn || t.name,
      resourceType: 'AwsCloudTrailTrail',
      status: complete ? (t.cloudWatchLogsGroupArn ? 'PASS' : 'WARN') : 'FAIL',
      evidence: `IsLogging=${t.isLogging}, IsMultiRegionTrail=${
        t.isMultiRegion
      }, LogFileValidationEnabled=${t.logFileValidation}, CloudWatchLogs=${
        t.cloudWatchLogsGroupArn ? 'yes' : 'no'
      }`,
    };
  });
  // One good trail is enough for the account; the rest are reported as evidence.
  if (resources.some(r => r.status === 'PASS')) {
    return {
      status: 'PASS',
      summary:
        'A logging multi-region trail with validation and CloudWatch Logs exists.',
      resources,
    };
  }
  if (resources.some(r => r.status === 'WARN')) {
    return {
      status: 'WARN',
      summary:
        'A multi-region trail with validation logs, but not to CloudWatch Logs (no real-time analysis).',
      resources,
    };
  }
  return {
    status: 'FAIL',
    summary: 'No trail is logging in every region with log file validation.',
    resources,
  };
}

export interface ElastiCacheFacts {
  groups: Array<{
    id: string;
    arn: string;
    atRestEncryption: boolean;
    transitEncryption: boolean;
    authTokenEnabled: boolean;
    /**
     * RBAC user groups. A group with RBAC reports AuthTokenEnabled=false (ElastiCache
     * takes a token or user groups, not both), yet every client must authenticate.
     */
    userGroupIds: string[];
  }>;
}

export function evaluateElastiCacheEncryption(f: ElastiCacheFacts): Evaluation {
  if (f.groups.length === 0) {
    return {
      status: 'PASS',
      summary: 'No Redis replication group in this region.',
      resources: [],
    };
  }
  const resources: ResourceEvidence[] = f.groups.map(g => ({
    resourceId: g.arn,
    resourceType: 'AwsElastiCacheReplicationGroup',
    status:
      !g.atRestEncryption || !g.transitEncryption
        ? 'FAIL'
        : g.authTokenEnabled || g.userGroupIds.length > 0
        ? 'PASS'
        : 'WARN',
    evidence: `AtRestEncryptionEnabled=${
      g.atRestEncryption
    }, TransitEncryptionEnabled=${g.transitEncryption}, AuthTokenEnabled=${
      g.authTokenEnabled
    }, UserGroupIds=${g.userGroupIds.join(',') || 'none'}`,
  }));
  const status = worstStatus(resources.map(r => r.status));
  const failing = countBy(resources, 'FAIL');
  return {
    status,
    summary:
      status === 'PASS'
        ? 'Every Redis replication group is encrypted at rest and in transit, with AUTH (a token or RBAC users).'
        : status === 'WARN'
        ? 'Redis is encrypted but some replication groups take clients without AUTH (no token, no RBAC user group).'
        : `${failing} of ${resources.length} Redis replication groups are not fully encrypted.`,
    resources,
  };
}

export interface RdsForceSslFacts {
  parameterGroup: string;
  /** undefined when the parameter is not set in the group. */
  value?: string;
}

export function evaluateRdsForceSsl(f: RdsForceSslFacts): Evaluation {
  const ok = f.value === '1';
  return {
    status: ok ? 'PASS' : 'FAIL',
    summary: ok
      ? `rds.force_ssl = 1 in ${f.parameterGroup}.`
      : `rds.force_ssl is ${
          f.value === undefined ? 'not set' : `= ${f.value}`
        } in ${f.parameterGroup}: clients may connect without TLS.`,
    resources: [
      {
        resourceId: f.parameterGroup,
        resourceType: 'AwsRdsDbParameterGroup',
        status: ok ? 'PASS' : 'FAIL',
        evidence: `rds.force_ssl=${f.value ?? 'unset'}`,
      },
    ],
  };
}

export interface ContainerInsightsFacts {
  clusters: Array<{
    name: string;
    arn: string;
    containerInsights?: string;
    found: boolean;
  }>;
}

export function evaluateContainerInsights(
  f: ContainerInsightsFacts,
): Evaluation {
  const resources: ResourceEvidence[] = f.clusters.map(c => ({
    resourceId: c.arn,
    resourceType: 'AwsEcsCluster',
    status: !c.found
      ? 'WARN'
      : c.containerInsights === 'enabled' || c.containerInsights === 'enhanced'
      ? 'PASS'
      : 'FAIL',
    evidence: c.found
      ? `containerInsights=${c.containerInsights ?? 'unset'}`
      : 'cluster not found',
  }));
  const on = countBy(resources, 'PASS');
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `Container Insights is on for ${on} of ${f.clusters.length} clusters.`,
    resources,
  };
}

export interface TableProtectionFacts {
  tables: Array<{
    name: string;
    found: boolean;
    pointInTimeRecovery: boolean;
    ttlStatus?: string;
    ttlAttribute?: string;
  }>;
}

export function evaluateDynamoDbPitr(f: TableProtectionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.tables.map(t => ({
    resourceId: t.name,
    resourceType: 'AwsDynamoDbTable',
    status: !t.found ? 'WARN' : t.pointInTimeRecovery ? 'PASS' : 'FAIL',
    evidence: t.found
      ? `PointInTimeRecovery=${t.pointInTimeRecovery ? 'ENABLED' : 'DISABLED'}`
      : 'table not found',
  }));
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `Point-in-time recovery is on for ${countBy(
      resources,
      'PASS',
    )} of ${f.tables.length} tables.`,
    resources,
  };
}

/** The seed keeps expiry in an attribute named "ttl" on both cost tables. */
export const SEED_TTL_ATTRIBUTE = 'ttl';

export function evaluateDynamoDbTtl(f: TableProtectionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.tables.map(t => {
    const enabled = t.ttlStatus === 'ENABLED' || t.ttlStatus === 'ENABLING';
    const rightAttribute = t.ttlAttribute === SEED_TTL_ATTRIBUTE;
    return {
      resourceId: t.name,
      resourceType: 'AwsDynamoDbTable',
      status: !t.found
        ? 'WARN'
        : enabled && rightAttribute
        ? 'PASS'
        : enabled
        ? 'WARN'
        : 'FAIL',
      evidence: t.found
        ? `TimeToLiveStatus=${t.ttlStatus ?? 'DISABLED'}, AttributeName=${
            t.ttlAttribute ?? 'none'
          }`
        : 'table not found',
    };
  });
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `TTL on "${SEED_TTL_ATTRIBUTE}" is on for ${countBy(
      resources,
      'PASS',
    )} of ${f.tables.length} tables.`,
    resources,
  };
}

export interface QueueEncryptionFacts {
  queues: Array<{
    name: string;
    url?: string;
    found: boolean;
    sqsManagedSse: boolean;
    kmsKeyId?: string;
  }>;
}

export function evaluateSqsEncryption(f: QueueEncryptionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.queues.map(q => ({
    resourceId: q.url ?? q.name,
    resourceType: 'AwsSqsQueue',
    status: !q.found ? 'WARN' : q.sqsManagedSse || q.kmsKeyId ? 'PASS' : 'FAIL',
    evidence: q.found
      ? q.kmsKeyId
        ? `KmsMasterKeyId=${q.kmsKeyId}`
        : `SqsManagedSseEnabled=${q.sqsManagedSse}`
      : 'queue not found',
  }));
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `${countBy(resources, 'PASS')} of ${
      f.queues.length
    } queues are encrypted at rest.`,
    resources,
  };
}

/** The seed's window: keep logs at least 30 days (investigations), at most 90 (cost). */
export const LOG_RETENTION_MIN_DAYS = 30;
export const LOG_RETENTION_MAX_DAYS = 90;

export interface LogRetentionFacts {
  groups: Array<{ name: string; arn: string; retentionDays?: number }>;
}

export function evaluateLogRetention(f: LogRetentionFacts): Evaluation {
  const resources: ResourceEvidence[] = f.groups.map(g => ({
    resourceId: g.arn,
    resourceType: 'AwsLogsLogGroup',
    status:
      g.retentionDays === undefined || g.retentionDays < LOG_RETENTION_MIN_DAYS
        ? 'FAIL'
        : g.retentionDays > LOG_RETENTION_MAX_DAYS
        ? 'WARN'
        : 'PASS',
    evidence: `retentionInDays=${g.retentionDays ?? 'never expire'}`,
  }));
  return {
    status: worstStatus(resources.map(r => r.status)),
    summary: `${countBy(resources, 'PASS')} of ${
      f.groups.length
    } log groups keep logs ${LOG_RETENTION_MIN_DAYS}–${LOG_RETENTION_MAX_DAYS} days.`,
    resources,
  };
}
