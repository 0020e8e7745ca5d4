import type { PostureCheck } from '../PostureCheck';
import { ElastiCacheFacts, evaluateElastiCacheEncryption } from './evaluate';
import { elastiCacheEncryptionMeta } from './meta';

/** Every Redis replication group in the region; guided (domain/remediation/guided). */
export const elastiCacheEncryptionCheck = {
  meta: elastiCacheEncryptionMeta,
  facts: async ({ sources }) => ({
    groups: await sources.elastiCache.describeReplicationGroups(),
  }),
  evaluate: evaluateElastiCacheEncryption,
} satisfies PostureCheck<ElastiCacheFacts>;
