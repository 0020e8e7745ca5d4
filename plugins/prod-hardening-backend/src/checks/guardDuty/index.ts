import { guardDutyCost } from './cost';
import type { PostureCheck } from '../PostureCheck';
import { evaluateGuardDuty, GuardDutyFacts } from './evaluate';
import { guardDutyMeta } from './meta';
import { planEnableGuardDuty } from './plan';

const detectorsInRegion: PostureCheck<GuardDutyFacts>['facts'] = async ({
  sources,
  config,
}) => ({
  region: config.aws.region,
  detectors: await sources.guardDuty.listDetectors(),
});

/** GuardDuty on in the region; fixed by creating a detector or enabling the existing ones. */
export const guardDutyCheck = {
  meta: guardDutyMeta,
  facts: detectorsInRegion,
  evaluate: evaluateGuardDuty,
  remediation: {
    resourceId: config => `guardduty/${config.aws.region}`,
    state: detectorsInRegion,
    plan: planEnableGuardDuty,
    cost: guardDutyCost,
  },
} satisfies PostureCheck<GuardDutyFacts>;
