import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { decide, Remediators } from './prodHardeningPolicy';

const REMEDIATORS_KEY = 'prodHardening.permissions.remediators';

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
        const remediators: Remediators = {
          groups:
            config.getOptionalStringArray(`${REMEDIATORS_KEY}.groups`) ?? [],
          users:
            config.getOptionalStringArray(`${REMEDIATORS_KEY}.users`) ?? [],
        };
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
            return decide(request.permission, info, remediators);
          },
        });
      },
    });
  },
});
