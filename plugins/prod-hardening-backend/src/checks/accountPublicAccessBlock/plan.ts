import type { PlanBody } from '../../domain/remediation/plans';

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
