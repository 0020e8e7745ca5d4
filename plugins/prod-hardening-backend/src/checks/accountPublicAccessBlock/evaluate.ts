import type { Evaluation } from '../../domain/posture/evaluation';

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
