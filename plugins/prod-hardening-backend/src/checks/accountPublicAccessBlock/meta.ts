import type { CheckMeta } from '../../domain/posture/checkMeta';

export const accountPublicAccessBlockMeta = {
  id: 's3-account-public-access-block',
  title: 'S3 Block Public Access is on for the whole account',
  pillar: 'security',
  control: 'S3.1',
  severity: 'CRITICAL',
  remediation: {
    kind: 'automated',
    why: 'One account-level setting; reversible; refused while a bucket is deliberately public.',
  },
} as const satisfies CheckMeta;
