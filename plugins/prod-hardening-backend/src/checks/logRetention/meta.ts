import type { CheckMeta } from '../../domain/posture/checkMeta';

export const logRetentionMeta = {
  id: 'cloudwatch-logs-retention',
  title: 'Every log group expires its logs after 30–90 days',
  pillar: 'finops-hygiene',
  control: 'baseline',
  severity: 'LOW',
  remediation: {
    kind: 'automated',
    why: 'Retention is raised to 30 days where it is shorter or unset; it is never shortened.',
  },
} as const satisfies CheckMeta;
