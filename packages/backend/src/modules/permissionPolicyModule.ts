import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  decide,
  Members,
  PortalRoles,
  READ_SCOPES,
  ReadScope,
  REMEDIATION_SCOPES,
  RemediationScope,
} from './prodHardeningPolicy';

const REMEDIATORS_KEY = 'prodHardening.permissions.remediators';
const ADMINS_KEY = 'prodHardening.permissions.admins';
const REMEDIATION_SCOPE_KEY = 'prodHardening.permissions.remediation.scope';
const READ_SCOPE_KEY = 'prodHardening.permissions.read.scope';

/** A scope from config, or the default; anything else stops the backend with the key. */
function readScope<T extends string>(
  value: string | undefined,
  key: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${key} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}
const EXEMPTIONS_KEY = 'prodHardening.permissions.exemptions';
/** Who may accept a risk when nothing is configured. */
const DEFAULT_EXEMPTION_GROUPS = ['group:default/security'];
const ANOMALY_FEEDBACK_KEY = 'prodHardening.permissions.anomalyFeedback';
/**
 * Who may triage cost anomalies when nothing is configured: FinOps, who review them
 * weekly, and the platform on-call group, who are paged for the spikes.
 */
export const DEFAULT_ANOMALY_FEEDBACK_GROUPS = [
  'group:default/finops',
  'group:default/platform-oncall',
];

/** Installs the portal's permission policy into the permission backend. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'prod-hardening-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ config, userInfo, policy, logger }) {
        const members = (key: string): Members => ({
          groups: config.getOptionalStringArray(`${key}.groups`) ?? [],
          users: config.getOptionalStringArray(`${key}.users`) ?? [],
        });
        const roles: PortalRoles = {
          remediators: members(REMEDIATORS_KEY),
          admins: members(ADMINS_KEY),
          remediationScope: readScope<RemediationScope>(
            config.getOptionalString(REMEDIATION_SCOPE_KEY),
            REMEDIATION_SCOPE_KEY,
            REMEDIATION_SCOPES,
          ),
          readScope: readScope<ReadScope>(
            config.getOptionalString(READ_SCOPE_KEY),
            READ_SCOPE_KEY,
            READ_SCOPES,
          ),
          exemptions: config.has(EXEMPTIONS_KEY)
            ? members(EXEMPTIONS_KEY)
            : { groups: DEFAULT_EXEMPTION_GROUPS, users: [] },
          anomalyFeedback: config.has(ANOMALY_FEEDBACK_KEY)
            ? members(ANOMALY_FEEDBACK_KEY)
            : { groups: DEFAULT_ANOMALY_FEEDBACK_GROUPS, users: [] },
        };
        const { remediators } = roles;
        if (
          roles.remediationScope !== 'owners' &&
          remediators.groups.length === 0 &&
          remediators.users.length === 0
        ) {
          logger.warn(
            `No remediators configured (${REMEDIATORS_KEY}): nobody can remediate`,
          );
        }
        policy.setPolicy({
          async handle(request: PolicyQuery, user?: PolicyQueryUser) {
            const info = user
              ? await userInfo.getUserInfo(user.credentials)
              : undefined;
            return decide(request.permission, info, roles);
          },
        });
      },
    });
  },
});
