import type { CheckMeta } from '../../domain/posture/checkMeta';

export const dynamoDbPitrMeta = {
  id: 'dynamodb-pitr',
  title: 'Point-in-time recovery is on for the cost tables',
  pillar: 'security',
  control: 'DynamoDB.2',
  severity: 'MEDIUM',
  remediation: {
    kind: 'automated',
    why: 'Enabling continuous backups does not affect traffic.',
  },
} as const satisfies CheckMeta;
