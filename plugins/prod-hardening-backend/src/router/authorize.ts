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
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  prodHardeningRemediationExecutePermission,
  prodHardeningResourceRemediatePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import { describeRefusedResources } from '../domain/ownership';
import type { OwnershipResolver } from '../permissions';

export interface AuthorizeDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Says who owns a refused resource; without it a refusal only names the resources. */
  ownership?: OwnershipResolver;
}

/**
 * Checks a permission for the caller before any AWS call; throws NotAllowedError (403)
 * with a sentence that says what is missing. Returns the caller's credentials.
 *
 * Services are let in on purpose: other backend plugins read posture and FinOps through
 * @prod-hardening/plugin-prod-hardening-node with their own plugin token. Backstage's
 * permissions service decides for a service principal without the policy: allowed,
 * unless the token's access restrictions (backend.auth.externalAccess) leave the
 * permission out. A plugin calling on behalf of a user is that user to the policy.
 * Changes go through authorizeChange, which refuses every service.
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
 * The resource refs (of a resource permission) the caller is refused, in order. The
 * permission backend evaluates a policy's conditions through the plugin's
 * `getResources` (see plugin.ts), so one batch decides them all.
 */
export async function refusedResources(
  deps: AuthorizeDeps,
  credentials: BackstageCredentials,
  permission: ResourcePermission,
  resourceRefs: string[],
): Promise<string[]> {
  if (resourceRefs.length === 0) return [];
  const decisions = await deps.permissions.authorize(
    resourceRefs.map(resourceRef => ({ permission, resourceRef })),
    { credentials },
  );
  return resourceRefs.filter(
    (_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW,
  );
}

/** Who owns the refused resources, or their refs alone when that cannot be read. */
export async function explainRefused(
  deps: AuthorizeDeps,
  refs: string[],
): Promise<string> {
  try {
    const owned = await deps.ownership?.resolve(refs);
    if (owned && owned.every(o => o !== undefined)) {
      return describeRefusedResources(
        owned as NonNullable<(typeof owned)[0]>[],
      );
    }
  } catch {
    // The refusal stands; only its explanation is shorter.
  }
  return `refused for ${refs.join(', ')}`;
}

/**
 * Lets a signed-in user with `prod-hardening.remediation.execute` (or the `guard`
 * permission, e.g. exemptions) make a change, before anything touches AWS; then, when `affectedResources` is given, checks
 * `prod-hardening.resource.remediate` on each resource the change touches (a policy
 * may leave those to their owners). Every refusal is first recorded by `onRefused`
 * (audit event and history row), then thrown: not signed in (401), a service token
 * (403: changes are made by people), no permission or not the resources' owner (403,
 * naming who owns them), the permission service down (503). Returns the user's
 * entity ref.
 */
export async function authorizeChange(
  deps: AuthorizeDeps,
  req: Request,
  what: string,
  onRefused: (actor: string, error: Error) => Promise<void>,
  affectedResources?: () => Promise<string[]>,
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
  const unavailable = (err: unknown) =>
    refuse(
      actor,
      new ServiceUnavailableError(
        `The permission service is unavailable, so nothing was changed; try again later (${
          toError(err).message
        }).`,
      ),
    );
  let decision;
  try {
    [decision] = await deps.permissions.authorize(
      [{ permission: guard.permission }],
      { credentials },
    );
  } catch (err) {
    return unavailable(err);
  }
  if (decision.result !== AuthorizeResult.ALLOW) {
    return refuse(
      actor,
      new NotAllowedError(
        `You are not allowed to ${what} (permission ${guard.permission.name}); ask ${guard.whoToAsk}.`,
      ),
    );
  }
  if (!affectedResources) return actor;
  let resources: string[];
  try {
    resources = await affectedResources();
  } catch (err) {
    return refuse(actor, toError(err));
  }
  let refused: string[];
  try {
    refused = await refusedResources(
      deps,
      credentials,
      prodHardeningResourceRemediatePermission,
      resources,
    );
  } catch (err) {
    return unavailable(err);
  }
  if (refused.length > 0) {
    return refuse(
      actor,
      new NotAllowedError(
        `You are not allowed to ${what} on these resources (permission ${
          prodHardeningResourceRemediatePermission.name
        }): ${await explainRefused(
          deps,
          refused,
        )}. Ask an owner or the platform on-call group.`,
      ),
    );
  }
  return actor;
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
