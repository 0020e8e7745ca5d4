import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import type { PostureService } from '../services/posture/PostureService';
import { authorize } from './authorize';
import { validatedParams } from './apiRouter';

export interface FindingDetailRouteDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  posture: PostureService;
}

/** GET /findings/:id, the id URL-encoded (finding ids are ARNs with slashes). */
export function addFindingDetailRoutes(
  router: Router,
  deps: FindingDetailRouteDeps,
) {
  router.get('/findings/:id', async (req, res) => {
    const { id } = validatedParams<'getFinding'>(req);
    await authorize(deps, req, prodHardeningReadPermission, 'read findings');
    res.json(await deps.posture.getFinding(id));
  });
}
