import type { PostureCheck } from '../PostureCheck';
import { evaluateTopicEncryption, TopicEncryptionFacts } from './evaluate';
import { snsEncryptionMeta } from './meta';

/** The encryption key of every configured alert topic. */
export const snsEncryptionCheck = {
  meta: snsEncryptionMeta,
  facts: async ({ sources, config }) => ({
    topics: await Promise.all(
      Object.values(config.resources.topics).map(t =>
        sources.sns.getEncryption(t),
      ),
    ),
  }),
  evaluate: evaluateTopicEncryption,
} satisfies PostureCheck<TopicEncryptionFacts>;
