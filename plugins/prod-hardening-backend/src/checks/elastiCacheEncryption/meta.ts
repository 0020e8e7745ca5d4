import type { CheckMeta } from '../../domain/posture/checkMeta';

export const elastiCacheEncryptionMeta = {
  id: 'elasticache-encryption',
  title: 'Redis is encrypted at rest and in transit, with AUTH',
  pillar: 'security',
  control: 'ElastiCache.4',
  severity: 'HIGH',
  remediation: {
    kind: 'guided',
    why: 'Encryption cannot be turned on in place: it needs a snapshot, an encrypted restore and an endpoint switch (< 5 min downtime).',
  },
} as const satisfies CheckMeta;
