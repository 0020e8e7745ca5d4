import type { CheckMeta } from '../../domain/posture/checkMeta';

export const containerInsightsMeta = {
  id: 'ecs-container-insights',
  title: 'Container Insights is on for the production ECS clusters',
  pillar: 'observability',
  control: 'ECS.12',
  severity: 'MEDIUM',
  remediation: {
    kind: 'automated',
    why: 'A cluster setting; metrics start flowing within minutes.',
  },
} as const satisfies CheckMeta;
