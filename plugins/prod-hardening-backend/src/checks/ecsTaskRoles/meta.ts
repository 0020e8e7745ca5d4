import type { CheckMeta } from '../../domain/posture/checkMeta';

export const ecsTaskRolesMeta = {
  id: 'ecs-task-roles',
  title:
    'Each ECS service has its own task role, separate from the execution role',
  pillar: 'security',
  control: 'baseline',
  severity: 'HIGH',
  remediation: {
    kind: 'guided',
    why: "A new task definition revision with a least-privilege task role has to be deployed, after the application is tested against that role's permissions.",
  },
} as const satisfies CheckMeta;
