import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { GuidedRemediationService } from '../services/remediation/GuidedRemediationService';
import { authorize } from './authorize';
import { parseInput } from './parseInput';

/** ARNs, names and ids as AWS writes them: printable, no spaces or control characters. */
export const resourceIdSchema = z
  .string()
  .min(1)
  .max(2048)
  .regex(/^[\x21-\x7e]+$/, 'must be an ARN, name or id without spaces');

const params = z.object({
  checkId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[a-z0-9-]+$/),
});
const query = z.object({ resource: resourceIdSchema.optional() });

export interface GuidedRemediationRouteDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  guided: GuidedRemediationService;
}

/**
 * A guided remediation is a runbook to read, so it needs only the read permission;
 * there is no route that applies it.
 */
export function addGuidedRemediationRoutes(
  router: Router,
  deps: GuidedRemediationRouteDeps,
) {
  router.get('/remediations/guided/:checkId', async (req, res) => {
    const { checkId } = parseInput(params, req.params, 'path');
    const { resource } = parseInput(query, req.query, 'query');
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read remediation runbooks',
    );
    res.json(await deps.guided.runbook(checkId, resource));
  });
}
