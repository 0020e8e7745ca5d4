import type { CheckMeta } from '../../domain/posture/checkMeta';

export const intelligentTieringMeta = {
  id: 's3-intelligent-tiering',
  title:
    'The named buckets move objects to Intelligent-Tiering and expire noncurrent versions',
  pillar: 'finops-hygiene',
  control: 'S3.13',
  severity: 'LOW',
  remediation: {
    kind: 'manual',
    why: "A bucket has one lifecycle configuration and writing it replaces every rule in it: the module's rules (s3_intelligent_tiering.tf) are applied after carrying the bucket's own rules over.",
  },
} as const satisfies CheckMeta;
