import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
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
 * Lets a signed-in user with `prod-hardening.remediation.execute` (or the `guard`
 * permission, e.g. exemptions) make a change, before
 * anything touches AWS. Every refusal is first recorded by `onRefused` (audit event
 * and history row), then thrown: not signed in (401), a service token (403: changes
 * are made by people), no permission (403), the permission service down (503).
 * Returns the user's entity ref.
 */
export async function authorizeChange(
  deps: AuthorizeDeps,
  req: Request,
  what: string,
  onRefused: (actor: string, error: Error) => Promise<void>,
  guard: { permission: BasicPermission; whoToAsk: string } = {
    permission: prodHardeningRemediationExecutePermission,
    whoToAsk: 'the platform on-call group',
  },
): Promise<string> {
  const refuse = async (actor: string, error: Error): Promise<never> => {
    await onRefused(actor, error);
    throw error;
  };
  let credentials: BackstageCredentials;
  try {
    // Any principal, so that the refusals below are recorded with who it was.
    credentials = await deps.httpAuth.credentials(req);
  } catch (err) {
    return refuse('unknown', toError(err)); // an invalid or expired token: 401
  }
  const actor = principalRef(credentials.principal);
  const type = (credentials.principal as { type?: string }).type;
  if (type === 'none') {
    return refuse(
      'unauthenticated',
      new AuthenticationError(`Sign in to ${what}.`),
    );
  }
  if (type !== 'user') {
    return refuse(
      actor,
      new NotAllowedError(
        `Only a signed-in person may ${what}; ${actor} is not a user.`,
      ),
    );
  }
  let decision;
  try {
    [decision] = await deps.permissions.authorize(
      [{ permission: guard.permission }],
      { credentials },
    );
  } catch (err) {
    return refuse(
      actor,
      new ServiceUnavailableError(
        `The permission service is unavailable, so nothing was changed; try again later (${
          toError(err).message
        }).`,
      ),
    );
  }
  if (decision.result !== AuthorizeResult.ALLOW) {
    return refuse(
      actor,
      new NotAllowedError(
        `You are not allowed to ${what} (permission ${guard.permission.name}); ask ${guard.whoToAsk}.`,
      ),
    );
  }
  return actor;
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
