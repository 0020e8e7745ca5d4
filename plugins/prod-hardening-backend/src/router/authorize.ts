import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';

export interface AuthorizeDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

/**
 * Checks a permission for the caller before any AWS call; throws NotAllowedError (403)
 * with a sentence that says what is missing. Returns the caller's credentials.
 */
export async function authorize(
  deps: AuthorizeDeps,
  req: Request,
  permission: BasicPermission,
  what: string,
) {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to ${what} (permission ${permission.name}).`,
    );
  }
  return credentials;
}
