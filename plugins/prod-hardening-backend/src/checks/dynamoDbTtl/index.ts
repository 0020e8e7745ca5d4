import { costTableProtection, TableProtectionFacts } from '../costTables';
import type { PostureCheck } from '../PostureCheck';
import { evaluateDynamoDbTtl } from './evaluate';
import { dynamoDbTtlMeta } from './meta';

/** TTL on the cost tables; not automated, turning it on deletes data. */
export const dynamoDbTtlCheck = {
  meta: dynamoDbTtlMeta,
  facts: costTableProtection,
  evaluate: evaluateDynamoDbTtl,
} satisfies PostureCheck<TableProtectionFacts>;
