import { cloudTrailCost } from './cost';
import type { PostureCheck } from '../PostureCheck';
import { CloudTrailFacts, evaluateCloudTrail } from './evaluate';
import { cloudTrailMeta } from './meta';
import { planCloudTrail, TrailState } from './plan';

/** Every region logged with validation; fixed in place on the configured trail. */
export const cloudTrailCheck = {
  meta: cloudTrailMeta,
  facts: async ({ sources }) => ({
    trails: await sources.cloudTrail.describeTrails(),
  }),
  evaluate: evaluateCloudTrail,
  remediation: {
    resourceId: config => `cloudtrail/${config.resources.cloudTrailName}`,
    state: async ({ sources, config }) => ({
      trailName: config.resources.cloudTrailName,
      trails: await sources.cloudTrail.describeTrails(),
    }),
    plan: planCloudTrail,
    cost: cloudTrailCost,
  },
} satisfies PostureCheck<CloudTrailFacts, TrailState>;
