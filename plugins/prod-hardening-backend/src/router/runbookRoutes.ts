import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { RunbookLibrary } from '../services/runbooks/RunbookLibrary';
import { RUNBOOK_ID } from '../services/runbooks/RunbookLibrary';
import { authorize, AuthorizeDeps } from './authorize';
import { parseInput } from './parseInput';

export interface RunbookRouteDeps extends AuthorizeDeps {
  runbooks: RunbookLibrary;
}

const params = z.object({
  id: z
    .string()
    .regex(
      RUNBOOK_ID,
      'must be a runbook id: lowercase letters, digits and dashes',
    ),
});

/** GET /runbooks and GET /runbooks/:id (the Markdown of one runbook). */
export function addRunbookRoutes(router: Router, deps: RunbookRouteDeps) {
  router.get('/runbooks', async (req, res) => {
    await authorize(deps, req, prodHardeningReadPermission, 'read runbooks');
    res.json({ items: await deps.runbooks.list() });
  });

  router.get('/runbooks/:id', async (req, res) => {
    const { id } = parseInput(params, req.params, 'path');
    await authorize(deps, req, prodHardeningReadPermission, 'read runbooks');
    res.json(await deps.runbooks.get(id));
  });
}
