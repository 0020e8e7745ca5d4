import type { CheckMeta } from '../../domain/posture/checkMeta';

export const alarmsMeta = {
  id: 'cloudwatch-alarms',
  title: 'The CloudWatch alarms of the hardening plan exist and notify on-call',
  pillar: 'observability',
  control: 'baseline',
  severity: 'MEDIUM',
  remediation: {
    kind: 'manual',
    why: 'The Terraform module (alarms.tf) creates every alarm of the plan with its reviewed threshold and the ops topic; alarms added one by one drift from it.',
  },
} as const satisfies CheckMeta;
