import type { CheckMeta } from '../../domain/posture/checkMeta';

export const rdsForceSslMeta = {
  id: 'rds-force-ssl',
  title: 'PostgreSQL refuses connections without TLS (rds.force_ssl = 1)',
  pillar: 'security',
  control: 'baseline',
  severity: 'HIGH',
  remediation: {
    kind: 'guided',
    why: 'Clients must use sslmode=require first, or they are cut off when the parameter applies.',
  },
} as const satisfies CheckMeta;
