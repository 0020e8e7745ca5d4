import {
  accountResourceId,
  ecsClusterArn,
  elastiCacheReplicationGroupArn,
  iamRoleArn,
  rdsInstanceArn,
  s3BucketArn,
} from '../../arns';
import { storyTaskRoles } from '../ecsServices';
import { STATIC_SITE_BUCKET, storyBuckets } from '../s3';
import type { Random } from './random';
import type { FindingsInput } from './types';

export type ThreatSeverity = 'HIGH' | 'MEDIUM' | 'LOW';

/** One GuardDuty finding as Security Hub received it. */
export interface ThreatEvent {
  findingType: string;
  /** ASFF `Types` entry: namespace/category/type with "/" in the type replaced by "-". */
  asffType: string;
  title: string;
  description: string;
  severity: ThreatSeverity;
  /** GuardDuty's own score (LOW 1-3.9, MEDIUM 4-6.9, HIGH 7-8.9), kept as Severity.Original. */
  score: number;
  resourceType: string;
  resourceId: string;
  remoteIp?: string;
  /** How many times GuardDuty saw it (it aggregates repeats into one finding). */
  count: number;
  firstSeenDaysAgo: number;
  lastSeenDaysAgo: number;
  workflow: 'NEW' | 'NOTIFIED' | 'RESOLVED';
}

/** GuardDuty has been off this many days (GuardDuty.1 fails since): nothing newer. */
export const GUARDDUTY_OFF_DAYS = 6;
/** Security Hub keeps findings 90 days. */
const OLDEST_DAYS = 90;

type Target = { resourceType: string; resourceId: string; label: string };

interface ThreatType {
  findingType: string;
  tactic: string;
  severity: ThreatSeverity;
  /** Relative frequency: reconnaissance is common, crypto-mining rare. */
  weight: number;
  targets: (input: FindingsInput) => Target[];
  title: (t: Target) => string;
  description: (t: Target, ip: string) => string;
}

const buckets = (input: FindingsInput): Target[] =>
  storyBuckets(input.accountId).map(b => ({
    resourceType: 'AwsS3Bucket',
    resourceId: s3BucketArn(b.name),
    label: b.name,
  }));
const publicBucket = (): Target[] => [
  {
    resourceType: 'AwsS3Bucket',
    resourceId: s3BucketArn(STATIC_SITE_BUCKET),
    label: STATIC_SITE_BUCKET,
  },
];
const taskRoles = (input: FindingsInput): Target[] =>
  [
    ...new Set(
      input.resources.ecsServices.flatMap((_, i) => {
        const roles = storyTaskRoles(i);
        return [roles.taskRole, roles.executionRole];
      }),
    ),
  ].map(role => ({
    resourceType: 'AwsIamAccessKey',
    resourceId: iamRoleArn(input, role),
    label: role,
  }));
const clusters = (input: FindingsInput): Target[] =>
  input.resources.ecsClusters.map(name => ({
    resourceType: 'AwsEcsCluster',
    resourceId: ecsClusterArn(input, name),
    label: name,
  }));
const database = (input: FindingsInput): Target[] => [
  {
    resourceType: 'AwsRdsDbInstance',
    resourceId: rdsInstanceArn(input, input.resources.rdsInstanceId),
    label: input.resources.rdsInstanceId,
  },
];
const account = (input: FindingsInput): Target[] => [
  {
    resourceType: 'AwsAccount',
    resourceId: accountResourceId(input),
    label: `account ${input.accountId}`,
  },
];

/** The GuardDuty finding types this account's resources can produce. */
export const THREAT_TYPES: readonly ThreatType[] = [
  {
    findingType: 'Recon:IAMUser/MaliciousIPCaller',
    tactic: 'Discovery',
    severity: 'MEDIUM',
    weight: 14,
    targets: taskRoles,
    title: t =>
      `Reconnaissance API called with ${t.label} credentials from a known malicious IP address`,
    description: (t, ip) =>
      `APIs commonly used to discover resources were called with the credentials of ${t.label} from ${ip}, listed on a threat intelligence feed.`,
  },
  {
    findingType: 'Discovery:S3/MaliciousIPCaller',
    tactic: 'Discovery',
    severity: 'HIGH',
    weight: 8,
    targets: buckets,
    title: t =>
      `S3 API used to list ${t.label} from a known malicious IP address`,
    description: (t, ip) =>
      `ListObjects was invoked on ${t.label} from ${ip}, an address on a threat intelligence feed.`,
  },
  {
    findingType: 'Policy:S3/BucketAnonymousAccessGranted',
    tactic: 'Policy',
    severity: 'HIGH',
    weight: 3,
    targets: publicBucket,
    title: t =>
      `Bucket ${t.label} grants anonymous read access through its policy`,
    description: t =>
      `The bucket policy of ${t.label} allows s3:GetObject to Principal "*".`,
  },
  {
    findingType: 'Policy:S3/AccountBlockPublicAccessDisabled',
    tactic: 'Policy',
    severity: 'LOW',
    weight: 2,
    targets: account,
    title: () => 'S3 Block Public Access is off for the account',
    description: t =>
      `Account-level S3 Block Public Access is not configured for ${t.label}: any bucket can be made public.`,
  },
  {
    findingType: 'Stealth:S3/ServerAccessLoggingDisabled',
    tactic: 'Defense Evasion',
    severity: 'LOW',
    weight: 4,
    targets: buckets,
    title: t => `Server access logging was disabled on ${t.label}`,
    description: t =>
      `PutBucketLogging removed the access logging configuration of ${t.label}.`,
  },
  {
    findingType: 'UnauthorizedAccess:S3/TorIPCaller',
    tactic: 'Initial Access',
    severity: 'HIGH',
    weight: 3,
    targets: buckets,
    title: t => `S3 API invoked on ${t.label} from a Tor exit node`,
    description: (t, ip) =>
      `GetObject was invoked on ${t.label} from ${ip}, a known Tor exit node.`,
  },
  {
    findingType: 'Discovery:S3/AnomalousBehavior',
    tactic: 'Discovery',
    severity: 'LOW',
    weight: 8,
    targets: buckets,
    title: t => `Unusual listing of objects in ${t.label}`,
    description: (t, ip) =>
      `A principal that does not usually list ${t.label} listed many objects from ${ip}.`,
  },
  {
    findingType:
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    tactic: 'Initial Access',
    severity: 'HIGH',
    weight: 2,
    targets: taskRoles,
    title: t => `Credentials of ${t.label} used from an IP address outside AWS`,
    description: (t, ip) =>
      `Temporary credentials issued to ${t.label} for an ECS task were used from ${ip}, outside AWS.`,
  },
  {
    findingType: 'Discovery:IAMUser/AnomalousBehavior',
    tactic: 'Discovery',
    severity: 'LOW',
    weight: 10,
    targets: taskRoles,
    title: t => `Unusual discovery API calls by ${t.label}`,
    description: (t, ip) =>
      `${t.label} called Describe and List APIs it has not used before, from ${ip}.`,
  },
  {
    findingType: 'CredentialAccess:IAMUser/AnomalousBehavior',
    tactic: 'Credential Access',
    severity: 'MEDIUM',
    weight: 4,
    targets: taskRoles,
    title: t => `Unusual GetSecretValue calls by ${t.label}`,
    description: (t, ip) =>
      `${t.label} read secrets it does not usually read, from ${ip}.`,
  },
  {
    findingType: 'Execution:Runtime/NewBinaryExecuted',
    tactic: 'Execution',
    severity: 'MEDIUM',
    weight: 6,
    targets: clusters,
    title: t => `A newly created binary was executed in a task of ${t.label}`,
    description: t =>
      `A process in a Fargate task of ${t.label} ran a file that was written after the container started.`,
  },
  {
    findingType: 'CryptoCurrency:Runtime/BitcoinTool.B',
    tactic: 'Impact',
    severity: 'HIGH',
    weight: 1,
    targets: clusters,
    title: t => `A task of ${t.label} is querying a cryptocurrency mining pool`,
    description: (t, ip) =>
      `A container in ${t.label} connected to ${ip}, a known Bitcoin mining pool.`,
  },
  {
    findingType: 'Impact:Runtime/AbusedDomainRequest.Reputation',
    tactic: 'Impact',
    severity: 'MEDIUM',
    weight: 3,
    targets: clusters,
    title: t => `A task of ${t.label} queried a domain known for abuse`,
    description: t =>
      `A container in ${t.label} resolved a domain with a poor reputation.`,
  },
  {
    findingType: 'Recon:EC2/PortProbeUnprotectedPort',
    tactic: 'Discovery',
    severity: 'LOW',
    weight: 12,
    targets: input => [
      {
        resourceType: 'AwsElastiCacheReplicationGroup',
        resourceId: elastiCacheReplicationGroupArn(
          input,
          input.resources.redisReplicationGroupId,
        ),
        label: input.resources.redisReplicationGroupId,
      },
    ],
    title: t => `Unprotected port on ${t.label} is being probed`,
    description: (t, ip) =>
      `Port 6379 of ${t.label} is reachable and was probed by ${ip}.`,
  },
  {
    findingType: 'CredentialAccess:RDS/AnomalousBehavior.FailedLogin',
    tactic: 'Credential Access',
    severity: 'LOW',
    weight: 7,
    targets: database,
    title: t => `Unusual failed logins to ${t.label}`,
    description: (t, ip) =>
      `An unusual number of failed logins to ${t.label} came from ${ip}.`,
  },
  {
    findingType: 'CredentialAccess:RDS/MaliciousIPCaller.FailedLogin',
    tactic: 'Credential Access',
    severity: 'MEDIUM',
    weight: 5,
    targets: database,
    title: t => `Failed logins to ${t.label} from a known malicious IP address`,
    description: (t, ip) =>
      `${ip}, on a threat intelligence feed, tried to log in to ${t.label}.`,
  },
];

const SCORE_RANGE: Record<ThreatSeverity, [number, number]> = {
  LOW: [1, 3.9],
  MEDIUM: [4, 6.9],
  HIGH: [7, 8.9],
};

/** Addresses from the documentation ranges (RFC 5737): never a real host. */
function documentationIp(random: Random): string {
  const net = random.pick(['192.0.2', '198.51.100', '203.0.113']);
  return `${net}.${random.int(1, 254)}`;
}

/** "Recon:IAMUser/MaliciousIPCaller" → "TTPs/Discovery/Recon:IAMUser-MaliciousIPCaller". */
export function asffThreatType(findingType: string, tactic: string): string {
  return `TTPs/${tactic}/${findingType.replace(/\//g, '-')}`;
}

function event(type: ThreatType, target: Target, random: Random): ThreatEvent {
  const ip = documentationIp(random);
  const [low, high] = SCORE_RANGE[type.severity];
  const firstSeenDaysAgo = random.int(GUARDDUTY_OFF_DAYS + 1, OLDEST_DAYS);
  const lastSeenDaysAgo = Math.max(
    GUARDDUTY_OFF_DAYS,
    firstSeenDaysAgo - random.int(0, 20),
  );
  // Older findings were mostly triaged; HIGH ones went to the security topic.
  const workflow =
    firstSeenDaysAgo > 30 && random.chance(0.7)
      ? 'RESOLVED'
      : type.severity === 'HIGH'
      ? 'NOTIFIED'
      : 'NEW';
  return {
    findingType: type.findingType,
    asffType: asffThreatType(type.findingType, type.tactic),
    title: type.title(target),
    description: type.description(target, ip),
    severity: type.severity,
    score: Math.round((low + random.next() * (high - low)) * 10) / 10,
    resourceType: target.resourceType,
    resourceId: target.resourceId,
    remoteIp: ip,
    count: 1 + Math.floor(-Math.log(1 - random.next()) * 6),
    firstSeenDaysAgo,
    lastSeenDaysAgo,
    workflow,
  };
}

/**
 * `count` GuardDuty findings spread over the 90 days before GuardDuty was switched
 * off. GuardDuty aggregates repeats of one type on one resource from one address, so
 * every event differs in at least one of those.
 */
export function threatEvents(
  input: FindingsInput,
  random: Random,
  count: number,
): ThreatEvent[] {
  const seen = new Set<string>();
  const events: ThreatEvent[] = [];
  for (
    let attempt = 0;
    events.length < count && attempt < count * 10;
    attempt++
  ) {
    const type = random.weighted(THREAT_TYPES);
    const e = event(type, random.pick(type.targets(input)), random);
    const key = `${e.findingType}|${e.resourceId}|${e.remoteIp}`;
    if (seen.has(key)) continue;
    seen.add(key);
    events.push(e);
  }
  return events;
}
