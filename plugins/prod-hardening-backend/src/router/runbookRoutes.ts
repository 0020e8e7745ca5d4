import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import type { RunbookLibrary } from '../services/runbooks/RunbookLibrary';
import { authorize, AuthorizeDeps } from './authorize';
import { validatedParams } from './apiRouter';

export interface RunbookRouteDeps extends AuthorizeDeps {
  runbooks: RunbookLibrary;
}

/** GET /runbooks and GET /runbooks/:id (the Markdown of one runbook). */
export function addRunbookRoutes(router: Router, deps: RunbookRouteDeps) {
  router.get('/runbooks', async (req, res) => {
    await authorize(deps, req, prodHardeningReadPermission, 'read runbooks');
    res.json({ items: await deps.runbooks.list() });
  });

  router.get('/runbooks/:id', async (req, res) => {
    const { id } = validatedParams<'getRunbook'>(req);
    await authorize(deps, req, prodHardeningReadPermission, 'read runbooks');
    res.json(await deps.runbooks.get(id));
  });
}
