import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { decide, Members, PortalRoles } from './prodHardeningPolicy';

const REMEDIATORS_KEY = 'prodHardening.permissions.remediators';
const ADMINS_KEY = 'prodHardening.permissions.admins';
const EXEMPTIONS_KEY = 'prodHardening.permissions.exemptions';
/** Who may accept a risk when nothing is configured. */
const DEFAULT_EXEMPTION_GROUPS = ['group:default/security'];

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
          exemptions: config.has(EXEMPTIONS_KEY)
            ? members(EXEMPTIONS_KEY)
            : { groups: DEFAULT_EXEMPTION_GROUPS, users: [] },
        };
        const { remediators } = roles;
        if (remediators.groups.length === 0 && remediators.users.length === 0) {
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
