import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permissions service that allows everything except the named permissions, which it
 * denies to every caller, or only to the user `onlyFor` when given.
 */
export function permissionsDenying(names: readonly string[], onlyFor?: string) {
  return mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const caller = options?.credentials?.principal as
        | { userEntityRef?: string }
        | undefined;
      const applies =
        onlyFor === undefined || caller?.userEntityRef === onlyFor;
      return requests.map(r => ({
        result:
          applies && 'permission' in r && names.includes(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any;
    },
  }).factory;
}
