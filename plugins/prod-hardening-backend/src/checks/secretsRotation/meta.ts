import type { CheckMeta } from '../../domain/posture/checkMeta';

export const secretsRotationMeta = {
  id: 'secretsmanager-rotation',
  title: 'The application secrets rotate automatically',
  pillar: 'security',
  control: 'SecretsManager.1',
  severity: 'MEDIUM',
  remediation: {
    kind: 'manual',
    why: 'Rotation needs a function that can reissue each credential: RDS-managed rotation for the database, a custom Lambda for API tokens that the provider must reissue.',
  },
} as const satisfies CheckMeta;
