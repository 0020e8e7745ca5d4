import { securityHubCost } from './cost';
import type { CheckBinding, PostureCheck } from '../PostureCheck';
import { evaluateSecurityHub, SecurityHubFacts } from './evaluate';
import { readSecurityHubFacts } from './facts';
import { securityHubMeta } from './meta';
import { planEnableSecurityHub } from './plan';

const hubAndStandards = ({ sources, config }: CheckBinding) =>
  readSecurityHubFacts(
    sources.securityHub,
    config.aws.region,
    config.aws.endpoint,
  );

/** Security Hub with FSBP; fixed by enabling the hub, then subscribing, each only if missing. */
export const securityHubCheck = {
  meta: securityHubMeta,
  facts: hubAndStandards,
  evaluate: evaluateSecurityHub,
  remediation: {
    resourceId: config => `securityhub/${config.aws.region}`,
    state: hubAndStandards,
    plan: planEnableSecurityHub,
    cost: securityHubCost,
  },
} satisfies PostureCheck<SecurityHubFacts>;
