import type { RemediationAction } from './actions';

/** What a planner decides from the state it read: pure data, no I/O. */
export interface PlanBody {
  title: string;
  /** The AWS writes, in order: what the preview shows, what is stored, what execute runs. */
  calls: RemediationAction[];
  current: Record<string, unknown>;
  expected: Record<string, unknown>;
  risk: string;
  reversible: boolean;
  reversal: string;
  costNote: string;
  blockers: string[];
  /** True when the state already matches the expected state: executing changes nothing. */
  alreadyCompliant: boolean;
}

export interface AccountBpaState {
  accountId: string;
  config: {
    blockPublicAcls: boolean;
    ignorePublicAcls: boolean;
    blockPublicPolicy: boolean;
    restrictPublicBuckets: boolean;
  } | null;
  websiteBuckets: string[];
}

const ALL_ON = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export function planAccountPublicAccessBlock(state: AccountBpaState): PlanBody {
  const current = state.config ?? { configured: false };
  const alreadyCompliant =
    state.config !== null && Object.values(state.config).every(Boolean);
  return {
    title: 'Turn on S3 Block Public Access for the whole account',
    calls: alreadyCompliant
      ? []
      : [
          {
            service: 's3control',
            action: 'PutPublicAccessBlock',
            params: {
              AccountId: state.accountId,
              PublicAccessBlockConfiguration: {
                BlockPublicAcls: true,
                IgnorePublicAcls: true,
                BlockPublicPolicy: true,
                RestrictPublicBuckets: true,
              },
            },
          },
        ],
    current,
    expected: ALL_ON,
    risk: 'Every bucket stops being reachable through public ACLs or policies, including ones that serve public content.',
    reversible: true,
    reversal:
      'Call s3control PutPublicAccessBlock with the previous values (shown as current) or DeletePublicAccessBlock.',
    costNote: 'No cost.',
    blockers: state.websiteBuckets.map(
      b =>
        `Bucket ${b} hosts a static website: it is deliberately public and will stop serving.`,
    ),
    alreadyCompliant,
  };
}

export interface GuardDutyState {
  region: string;
  detectors: Array<{ detectorId: string; status: string }>;
}

/** Seed: findings every 15 minutes reach Security Hub and SNS quickly enough for on-call. */
export const GUARDDUTY_PUBLISHING_FREQUENCY = 'FIFTEEN_MINUTES';

export function planEnableGuardDuty(state: GuardDutyState): PlanBody {
  const disabled = state.detectors.filter(d => d.status !== 'ENABLED');
  const alreadyCompliant = state.detectors.some(d => d.status === 'ENABLED');
  const calls: RemediationAction[] = alreadyCompliant
    ? []
    : state.detectors.length === 0
    ? [
        {
          service: 'guardduty',
          action: 'CreateDetector',
          params: {
            Enable: true,
            FindingPublishingFrequency: GUARDDUTY_PUBLISHING_FREQUENCY,
          },
        },
      ]
    : disabled.map(
        (d): RemediationAction => ({
          service: 'guardduty',
          action: 'UpdateDetector',
          params: { DetectorId: d.detectorId, Enable: true },
        }),
      );
  return {
    title: `Enable GuardDuty in ${state.region}`,
    calls,
    current: {
      detectors: state.detectors.map(d => `${d.detectorId}: ${d.status}`),
    },
    expected: {
      detector: 'ENABLED',
      findingPublishingFrequency: GUARDDUTY_PUBLISHING_FREQUENCY,
    },
    risk: 'None to workloads: GuardDuty reads logs the account already produces.',
    reversible: true,
    reversal:
      'Suspend the detector (UpdateDetector Enable=false) or delete it.',
    costNote:
      'GuardDuty is billed by analysed events and logs volume (30-day free trial on a new account).',
    blockers: [],
    alreadyCompliant,
  };
}

export interface TrailState {
  trails: Array<{
    name: string;
    arn: string;
    isMultiRegion: boolean;
    logFileValidation: boolean;
    isLogging: boolean;
  }>;
  /** The trail the seed names (config resources.cloudTrailName). */
  trailName: string;
}

export function planCloudTrail(state: TrailState): PlanBody {
  const trail = state.trails.find(
    t => t.name === state.trailName || t.arn.endsWith(`/${state.trailName}`),
  );
  const blockers = trail
    ? []
    : [
        `Trail ${state.trailName} does not exist: create it with the Terraform module (it needs its S3 bucket and policy).`,
      ];
  const calls: PlanBody['calls'] = [];
  if (trail && (!trail.isMultiRegion || !trail.logFileValidation)) {
    calls.push({
      service: 'cloudtrail',
      action: 'UpdateTrail',
      params: {
        Name: trail.name,
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
      },
    });
  }
  if (trail && !trail.isLogging) {
    calls.push({
      service: 'cloudtrail',
      action: 'StartLogging',
      params: { Name: trail.name },
    });
  }
  return {
    title: `Make trail ${state.trailName} log every region with log file validation`,
    calls,
    current: trail
      ? {
          isMultiRegion: trail.isMultiRegion,
          logFileValidation: trail.logFileValidation,
          isLogging: trail.isLogging,
        }
      : { trail: 'missing' },
    expected: { isMultiRegion: true, logFileValidation: true, isLogging: true },
    risk: 'None to workloads. More regions logged means more log objects in the trail bucket.',
    reversible: true,
    reversal:
      'UpdateTrail IsMultiRegionTrail=false / EnableLogFileValidation=false.',
    costNote:
      'The first copy of management events is free; the bucket stores a little more.',
    // A missing trail cannot be fixed in place: refuse rather than override.
    blockers,
    alreadyCompliant: Boolean(trail) && calls.length === 0,
  };
}

export interface ClustersState {
  clusters: Array<{ name: string; containerInsights?: string; found: boolean }>;
}

export function planContainerInsights(state: ClustersState): PlanBody {
  const off = state.clusters.filter(
    c =>
      c.found &&
      c.containerInsights !== 'enabled' &&
      c.containerInsights !== 'enhanced',
  );
  return {
    title: 'Turn on Container Insights for the production ECS clusters',
    calls: off.map(c => ({
      service: 'ecs',
      action: 'UpdateCluster',
      params: {
        cluster: c.name,
        settings: [{ name: 'containerInsights', value: 'enabled' }],
      },
    })),
    current: Object.fromEntries(
      state.clusters.map(c => [
        c.name,
        c.found ? c.containerInsights ?? 'unset' : 'missing',
      ]),
    ),
    expected: Object.fromEntries(
      state.clusters.filter(c => c.found).map(c => [c.name, 'enabled']),
    ),
    risk: 'None to tasks; metrics start within minutes.',
    reversible: true,
    reversal: 'UpdateCluster with containerInsights=disabled.',
    costNote:
      'CloudWatch custom metrics and performance log events per cluster (a few dollars a month per cluster at this size).',
    blockers: [],
    alreadyCompliant: off.length === 0,
  };
}

export interface TablesState {
  tables: Array<{ name: string; found: boolean; pointInTimeRecovery: boolean }>;
}

export function planPointInTimeRecovery(state: TablesState): PlanBody {
  const off = state.tables.filter(t => t.found && !t.pointInTimeRecovery);
  return {
    title: 'Turn on point-in-time recovery for the cost tables',
    calls: off.map(t => ({
      service: 'dynamodb',
      action: 'UpdateContinuousBackups',
      params: {
        TableName: t.name,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      },
    })),
    current: Object.fromEntries(
      state.tables.map(t => [
        t.name,
        t.found ? (t.pointInTimeRecovery ? 'ENABLED' : 'DISABLED') : 'missing',
      ]),
    ),
    expected: Object.fromEntries(
      state.tables.filter(t => t.found).map(t => [t.name, 'ENABLED']),
    ),
    risk: 'None to traffic.',
    reversible: true,
    reversal:
      'UpdateContinuousBackups with PointInTimeRecoveryEnabled=false (drops the 35-day restore window).',
    costNote:
      'Billed per GB of table size per month; the cost tables are small.',
    blockers: [],
    alreadyCompliant: off.length === 0,
  };
}

export interface QueuesState {
  queues: Array<{
    name: string;
    url?: string;
    found: boolean;
    sqsManagedSse: boolean;
    kmsKeyId?: string;
  }>;
}

export function planQueueEncryption(state: QueuesState): PlanBody {
  const off = state.queues.filter(
    (q): q is QueuesState['queues'][number] & { url: string } =>
      q.found && Boolean(q.url) && !q.sqsManagedSse && !q.kmsKeyId,
  );
  return {
    title: 'Encrypt the seed queues at rest (SQS-managed SSE)',
    calls: off.map(q => ({
      service: 'sqs',
      action: 'SetQueueAttributes',
      params: { QueueUrl: q.url, Attributes: { SqsManagedSseEnabled: 'true' } },
    })),
    current: Object.fromEntries(
      state.queues.map(q => [
        q.name,
        !q.found
          ? 'missing'
          : q.kmsKeyId
          ? `KMS ${q.kmsKeyId}`
          : q.sqsManagedSse
          ? 'SSE-SQS'
          : 'none',
      ]),
    ),
    expected: Object.fromEntries(
      state.queues
        .filter(q => q.found)
        .map(q => [q.name, q.kmsKeyId ? `KMS ${q.kmsKeyId}` : 'SSE-SQS']),
    ),
    risk: 'None: applies to new messages; producers and consumers need no change.',
    reversible: true,
    reversal: 'SetQueueAttributes SqsManagedSseEnabled=false.',
    costNote: 'No cost (SQS-managed keys).',
    blockers: [],
    alreadyCompliant: off.length === 0,
  };
}

export interface LogGroupsState {
  groups: Array<{ name: string; retentionDays?: number }>;
}

/** Raise-only: groups below 30 days (or never expiring) go to 30; longer ones are kept. */
export function planLogRetention(
  state: LogGroupsState,
  minimumDays = 30,
): PlanBody {
  const short = state.groups.filter(
    g => g.retentionDays === undefined || g.retentionDays < minimumDays,
  );
  return {
    title: `Expire logs after ${minimumDays} days where they are kept shorter or forever`,
    calls: short.map(g => ({
      service: 'logs',
      action: 'PutRetentionPolicy',
      params: { logGroupName: g.name, retentionInDays: minimumDays },
    })),
    current: Object.fromEntries(
      state.groups.map(g => [g.name, g.retentionDays ?? 'never expire']),
    ),
    expected: Object.fromEntries(
      state.groups.map(g => [
        g.name,
        g.retentionDays !== undefined && g.retentionDays >= minimumDays
          ? g.retentionDays
          : minimumDays,
      ]),
    ),
    risk: 'Groups that kept logs forever start deleting events older than the new retention.',
    reversible: true,
    reversal:
      'PutRetentionPolicy with a longer value, or DeleteRetentionPolicy to keep logs forever.',
    costNote:
      'Lowers storage cost for groups that kept logs forever; raises it slightly for short ones.',
    blockers: [],
    alreadyCompliant: short.length === 0,
  };
}
