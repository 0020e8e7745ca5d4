import type { PostureCheck } from '../PostureCheck';
import { evaluateRdsForceSsl, RdsForceSslFacts } from './evaluate';
import { rdsForceSslMeta } from './meta';

/** rds.force_ssl in the configured parameter group; guided (domain/remediation/guided). */
export const rdsForceSslCheck = {
  meta: rdsForceSslMeta,
  facts: async ({ sources, config: { resources } }) => ({
    parameterGroup: resources.rdsParameterGroupName,
    value: await sources.rds.getParameter(
      resources.rdsParameterGroupName,
      'rds.force_ssl',
    ),
  }),
  evaluate: evaluateRdsForceSsl,
} satisfies PostureCheck<RdsForceSslFacts>;
