import type { CheckMeta } from '../../domain/posture/checkMeta';

export const sqsEncryptionMeta = {
  id: 'sqs-encryption',
  title: 'The seed queues are encrypted at rest',
  pillar: 'security',
  control: 'SQS.1',
  severity: 'MEDIUM',
  remediation: {
    kind: 'automated',
    why: 'SQS-managed SSE applies to new messages without downtime.',
  },
} as const satisfies CheckMeta;
