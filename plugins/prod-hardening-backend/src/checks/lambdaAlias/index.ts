import type { PostureCheck } from '../PostureCheck';
import { evaluateLambdaAlias, LambdaAliasFacts } from './evaluate';
import { lambdaAliasMeta } from './meta';

/** The rate limiter's alias, and the mappings of its queue. */
export const lambdaAliasCheck = {
  meta: lambdaAliasMeta,
  facts: async ({ sources, config: { resources } }) => {
    const fn = resources.rateLimiterFunctionName;
    const [alias, queue] = await Promise.all([
      sources.lambda.getAlias(fn, resources.rateLimiterAlias),
      sources.lambda.listQueueMappings(resources.queues.rateLimiter, fn),
    ]);
    return {
      functionName: fn,
      aliasName: resources.rateLimiterAlias,
      ...alias,
      ...queue,
    };
  },
  evaluate: evaluateLambdaAlias,
} satisfies PostureCheck<LambdaAliasFacts>;
