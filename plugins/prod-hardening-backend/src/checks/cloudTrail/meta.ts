import type { CheckMeta } from '../../domain/posture/checkMeta';

export const cloudTrailMeta = {
  id: 'cloudtrail-multi-region',
  title:
    'CloudTrail logs every region, with log file validation and CloudWatch Logs',
  pillar: 'observability',
  control: 'CloudTrail.1',
  severity: 'HIGH',
  remediation: {
    kind: 'automated',
    why: 'Turning an existing trail multi-region and enabling validation are in-place updates.',
  },
} as const satisfies CheckMeta;
