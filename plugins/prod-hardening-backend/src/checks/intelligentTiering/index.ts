import type { PostureCheck } from '../PostureCheck';
import {
  evaluateIntelligentTiering,
  IntelligentTieringFacts,
} from './evaluate';
import { intelligentTieringMeta } from './meta';

/** The lifecycle rules and versioning of the configured buckets. */
export const intelligentTieringCheck = {
  meta: intelligentTieringMeta,
  facts: async ({ sources, config }) => ({
    buckets: await Promise.all(
      config.resources.intelligentTieringBuckets.map(b =>
        sources.s3.getLifecycle(b),
      ),
    ),
  }),
  evaluate: evaluateIntelligentTiering,
} satisfies PostureCheck<IntelligentTieringFacts>;
