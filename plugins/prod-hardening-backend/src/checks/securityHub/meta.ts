import type { CheckMeta } from '../../domain/posture/checkMeta';

export const securityHubMeta = {
  id: 'securityhub-fsbp-enabled',
  title: 'Security Hub is enabled with the FSBP standard',
  pillar: 'security',
  control: 'baseline',
  severity: 'HIGH',
  remediation: {
    kind: 'automated',
    why: 'Enabling the hub and subscribing to a standard are reversible.',
  },
} as const satisfies CheckMeta;
