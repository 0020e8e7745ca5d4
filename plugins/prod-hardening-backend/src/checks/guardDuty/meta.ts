import type { CheckMeta } from '../../domain/posture/checkMeta';

export const guardDutyMeta = {
  id: 'guardduty-enabled',
  title: 'GuardDuty threat detection is enabled',
  pillar: 'security',
  control: 'GuardDuty.1',
  severity: 'HIGH',
  remediation: {
    kind: 'automated',
    why: 'Creating a detector changes nothing else; it can be suspended.',
  },
} as const satisfies CheckMeta;
