import { servicesByCluster } from '../ecsServices';
import type { PostureCheck } from '../PostureCheck';
import { evaluateEcsTaskRoles, TaskRoleFacts } from './evaluate';
import { ecsTaskRolesMeta } from './meta';

/** The task and execution roles of each configured service; guided (domain/remediation/guided). */
export const ecsTaskRolesCheck = {
  meta: ecsTaskRolesMeta,
  facts: async ({ sources, config }) => ({
    services: (
      await Promise.all(
        servicesByCluster(config).map(c =>
          sources.ecs.describeServiceRoles(c.cluster, c.services),
        ),
      )
    ).flat(),
  }),
  evaluate: evaluateEcsTaskRoles,
} satisfies PostureCheck<TaskRoleFacts>;
