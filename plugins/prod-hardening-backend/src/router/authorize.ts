import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { prodHardeningRemediationExecutePermission } from '@prod-hardening/plugin-prod-hardening-common';
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

/** The caller as an entity ref (users) or service:<subject>, for history rows. */
export function principalRef(principal: unknown): string {
  const p = principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return p.userEntityRef ?? (p.subject ? `service:${p.subject}` : 'unknown');
}

/**
 * Checks `prod-hardening.remediation.execute` for a signed-in user before anything
 * touches AWS. A denied attempt is first recorded by `onDenied` (audit event and
 * history row), then answered 403. Returns the user's entity ref.
 */
export async function authorizeChange(
  deps: AuthorizeDeps,
  req: Request,
  what: string,
  onDenied: (actor: string, reason: string) => Promise<void>,
): Promise<string> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user'],
  });
  const actor = principalRef(credentials.principal);
  const [decision] = await deps.permissions.authorize(
    [{ permission: prodHardeningRemediationExecutePermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    const reason = `You are not allowed to ${what} (permission ${prodHardeningRemediationExecutePermission.name}); ask the platform on-call group.`;
    await onDenied(actor, reason);
    throw new NotAllowedError(reason);
  }
  return actor;
}
