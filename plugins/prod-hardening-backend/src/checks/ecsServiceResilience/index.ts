import { servicesByCluster } from '../ecsServices';
import type { PostureCheck } from '../PostureCheck';
import {
  EcsServiceResilienceFacts,
  evaluateEcsServiceResilience,
} from './evaluate';
import { readEcsServiceResilienceFacts } from './facts';
import { ecsServiceResilienceMeta } from './meta';

/** The circuit breaker and auto scaling of each configured service. */
export const ecsServiceResilienceCheck = {
  meta: ecsServiceResilienceMeta,
  facts: ({ sources, config }) =>
    readEcsServiceResilienceFacts(sources, servicesByCluster(config)),
  evaluate: evaluateEcsServiceResilience,
} satisfies PostureCheck<EcsServiceResilienceFacts>;
