import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type {
  HealthReport,
  HealthSummary,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import { HealthService, summarizeHealth } from '../services/HealthService';

/**
 * Whether the caller is a signed-in user. /health is open without credentials (the
 * router's auth policy), so "none" is a normal answer; a service token, or a token the
 * auth service rejects (expired, forged), gets the anonymous view instead of an error:
 * a health check must keep answering.
 */
async function isSignedInUser(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<boolean> {
  try {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service', 'none'],
    });
    return credentials.principal.type === 'user';
  } catch (error) {
    if (
      isError(error) &&
      ['AuthenticationError', 'NotAllowedError'].includes(error.name)
    ) {
      return false;
    }
    throw error;
  }
}

/**
 * GET /health: the shared, at most 30 s old probe of every source. Signed-in users see
 * reasons, account, principal and latency; everyone else only the status per source,
 * since account ids, role ARNs, endpoints and AWS error text help an attacker.
 */
export async function readHealth(
  deps: { health: HealthService; httpAuth: HttpAuthService },
  req: Request,
): Promise<HealthReport | HealthSummary> {
  const [signedIn, report] = await Promise.all([
    isSignedInUser(deps.httpAuth, req),
    deps.health.check(),
  ]);
  return signedIn ? report : summarizeHealth(report);
}
