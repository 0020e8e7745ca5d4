import type { CheckMeta } from '../../domain/posture/checkMeta';

export const ecsServiceResilienceMeta = {
  id: 'ecs-service-resilience',
  title:
    'The ECS services roll back failed deployments and scale on CPU and memory',
  pillar: 'observability',
  control: 'baseline',
  severity: 'MEDIUM',
  remediation: {
    kind: 'manual',
    why: "The Terraform module owns each service's circuit breaker, task range and scaling targets (ecs_services.tf), set below the CPU and memory alarms; changed by hand they drift from the reviewed values, and the next apply puts them back.",
  },
} as const satisfies CheckMeta;
