import type { CheckMeta } from '../../domain/posture/checkMeta';

export const dynamoDbTtlMeta = {
  id: 'dynamodb-ttl',
  title:
    'TTL expires old rows of the cost tables (90 days costs, 30 days alerts)',
  pillar: 'finops-hygiene',
  control: 'baseline',
  severity: 'LOW',
  remediation: {
    kind: 'manual',
    why: 'Items must carry the ttl attribute first; enabling TTL deletes data, so it is a deliberate change.',
  },
} as const satisfies CheckMeta;
