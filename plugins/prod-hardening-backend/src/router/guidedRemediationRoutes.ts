import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import type { GuidedRemediationService } from '../services/remediation/GuidedRemediationService';
import { authorize } from './authorize';
import { validatedParams, validatedQuery } from './apiRouter';

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
    const { checkId } = validatedParams<'getGuidedRemediation'>(req);
    const { resource } = validatedQuery<'getGuidedRemediation'>(req);
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read remediation runbooks',
    );
    res.json(await deps.guided.runbook(checkId, resource));
  });
}
