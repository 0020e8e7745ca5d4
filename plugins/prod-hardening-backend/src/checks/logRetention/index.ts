import { logRetentionCost } from './cost';
import type { CheckBinding, PostureCheck } from '../PostureCheck';
import { evaluateLogRetention, LogRetentionFacts } from './evaluate';
import { logRetentionMeta } from './meta';
import { LogGroupsState, planLogRetention } from './plan';

const logGroups = async ({ sources }: CheckBinding) => ({
  groups: await sources.cloudWatchLogs.describeLogGroups(),
});

/** Every log group in the region keeps logs 30 to 90 days; fixed by raising short ones to 30. */
export const logRetentionCheck = {
  meta: logRetentionMeta,
  facts: logGroups,
  evaluate: evaluateLogRetention,
  remediation: {
    resourceId: config => `logs/${config.aws.region}`,
    state: async binding => ({
      groups: (await logGroups(binding)).groups.map(g => ({
        name: g.name,
        retentionDays: g.retentionDays,
      })),
    }),
    plan: state => planLogRetention(state),
    cost: logRetentionCost,
  },
} satisfies PostureCheck<LogRetentionFacts, LogGroupsState>;
