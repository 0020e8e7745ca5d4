import type { CheckMeta } from '../../domain/posture/checkMeta';

export const snsEncryptionMeta = {
  id: 'sns-encryption',
  title:
    'The alert topics are encrypted with a key AWS services can publish with',
  pillar: 'security',
  control: 'SNS.1',
  severity: 'MEDIUM',
  remediation: {
    kind: 'manual',
    why: 'Budgets, CloudWatch and EventBridge need a customer managed key whose policy lets them use it (kms.tf); the AWS managed key would drop their alerts.',
  },
} as const satisfies CheckMeta;
