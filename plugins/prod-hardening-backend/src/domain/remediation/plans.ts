import type { PlannedCall } from '@prod-hardening/plugin-prod-hardening-common';

/** What a planner decides from the state it read: pure data, no I/O. */
export interface PlanBody {
  title: string;
  calls: PlannedCall[];
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
  const calls: PlannedCall[] = alreadyCompliant
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
    : disabled.map(d => ({
        service: 'guardduty',
        action: 'UpdateDetector',
        params: { DetectorId: d.detectorId, Enable: true },
      }));
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
