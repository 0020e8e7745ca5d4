import { TfModule } from '../module';
import { allStatements } from '../policies';
import { Violation } from '../violations';
import { checkNoWildcardGrants } from './iam';
import {
  checkAlarms,
  checkBudget,
  checkFindingRouting,
  checkLambda,
  checkLogRetention,
  checkObservabilityAndEndpoints,
  checkQueues,
  checkRdsForceSsl,
  checkRedis,
  checkSecurityServices,
  checkTables,
  checkTopics,
  checkVisibilityTimeouts,
} from './security';
import { checkReferences } from './structure';
import { checkCostAnomalyDetection } from './costAnomaly';
import { checkEcsServices } from './ecsServices';
import { checkSecrets } from './secrets';
import { checkStorageLifecycle } from './storage';

export * from './iam';
export * from './names';
export * from './security';
export * from './structure';
export * from './costAnomaly';
export * from './ecsServices';
export * from './secrets';
export * from './storage';

/** The property checks that need nothing but the module (used by the mutation tests too). */
export const PROPERTY_CHECKS: Record<
  string,
  (mod: TfModule) => Violation[] | Promise<Violation[]>
> = {
  references: checkReferences,
  rdsForceSsl: checkRdsForceSsl,
  queues: checkQueues,
  visibilityTimeouts: checkVisibilityTimeouts,
  tables: checkTables,
  topics: checkTopics,
  budget: mod => checkBudget(mod, 500),
  redis: checkRedis,
  securityServices: checkSecurityServices,
  findingRouting: checkFindingRouting,
  logRetention: checkLogRetention,
  observabilityAndEndpoints: checkObservabilityAndEndpoints,
  alarms: checkAlarms,
  lambda: checkLambda,
  ecsServices: checkEcsServices,
  storageLifecycle: checkStorageLifecycle,
  costAnomalyDetection: checkCostAnomalyDetection,
  secrets: checkSecrets,
  iamWildcards: async mod => checkNoWildcardGrants(await allStatements(mod)),
};

/** Runs every property check and returns all violations. */
export async function runPropertyChecks(mod: TfModule): Promise<Violation[]> {
  const all: Violation[] = [];
  for (const check of Object.values(PROPERTY_CHECKS))
    all.push(...(await check(mod)));
  return all;
}
