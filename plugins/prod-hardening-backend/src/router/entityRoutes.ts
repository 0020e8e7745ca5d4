import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { EntitySummaryService } from '../services/entities/EntitySummaryService';
import { authorize, AuthorizeDeps } from './authorize';
import { parseInput } from './parseInput';

/** Catalog names: 1–63 letters or digits, separated by single "-", "_" or ".". */
const entityName = z
  .string()
  .max(63)
  .regex(
    /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/,
    'must be a catalog name (letters, digits, "-", "_", ".")',
  );

const params = z.object({
  kind: z
    .string()
    .max(63)
    .regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'must be a catalog kind'),
  namespace: entityName,
  name: entityName,
});

export interface EntityRouteDeps extends AuthorizeDeps {
  entities: EntitySummaryService;
}

/**
 * GET /entities/:kind/:namespace/:name/summary: the entity page's posture, cost and
 * throttling. Read permission first; the catalog is then read with the caller's
 * credentials, so an entity they may not see is a 404 like one that does not exist.
 */
export function addEntityRoutes(router: Router, deps: EntityRouteDeps) {
  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const ref = parseInput(params, req.params, 'entity reference');
    const credentials = await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read entity summaries',
    );
    res.json(await deps.entities.getSummary(ref, credentials));
  });
}
