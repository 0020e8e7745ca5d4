import { dynamoDbPitrCost } from './cost';
import {
  costTableNames,
  costTableProtection,
  TableProtectionFacts,
} from '../costTables';
import type { PostureCheck } from '../PostureCheck';
import { evaluateDynamoDbPitr } from './evaluate';
import { dynamoDbPitrMeta } from './meta';
import { planPointInTimeRecovery } from './plan';

/** Point-in-time recovery on the cost tables; fixed with UpdateContinuousBackups. */
export const dynamoDbPitrCheck = {
  meta: dynamoDbPitrMeta,
  facts: costTableProtection,
  evaluate: evaluateDynamoDbPitr,
  remediation: {
    resourceId: config => `dynamodb/${costTableNames(config).join(',')}`,
    state: costTableProtection,
    plan: planPointInTimeRecovery,
    cost: dynamoDbPitrCost,
  },
} satisfies PostureCheck<TableProtectionFacts>;
