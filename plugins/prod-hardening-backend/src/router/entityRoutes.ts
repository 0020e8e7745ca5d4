import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  prodHardeningEntityReadPermission,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { describeRefusedResources } from '../domain/ownership';
import type { EntitySummaryService } from '../services/entities/EntitySummaryService';
import { authorize, AuthorizeDeps, refusedResources } from './authorize';
import { validatedParams } from './apiRouter';

export interface EntityRouteDeps extends AuthorizeDeps {
  entities: EntitySummaryService;
}

/**
 * GET /entities/:kind/:namespace/:name/summary: the entity page's posture, cost and
 * throttling. Read permission first, then prod-hardening.entity.read on the entity (a
 * policy may limit it to the entity's owners); the catalog is then read with the
 * caller's credentials, so an entity they may not see is a 404 like one that does not
 * exist.
 */
export function addEntityRoutes(router: Router, deps: EntityRouteDeps) {
  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const ref = validatedParams<'getEntitySummary'>(req);
    const credentials = await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read entity summaries',
    );
    const entityRef = stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    const refused = await refusedResources(
      deps,
      credentials,
      prodHardeningEntityReadPermission,
      [entityRef],
    );
    if (refused.length > 0) {
      // Who owns it is only said about an entity the caller can see; any other is the
      // 404 the summary would answer, so a refusal reveals nothing new.
      if (!(await deps.entities.isVisible(ref, credentials))) {
        throw new NotFoundError(
          `There is no entity ${entityRef} in the catalog.`,
        );
      }
      const [owned] = (await deps.ownership?.resolve([entityRef])) ?? [];
      throw new NotAllowedError(
        `You are not allowed to read the summary of ${entityRef} (permission ${
          prodHardeningEntityReadPermission.name
        })${
          owned ? `: ${describeRefusedResources([owned])}` : ''
        }. Ask a member of its owning group.`,
      );
    }
    res.json(await deps.entities.getSummary(ref, credentials));
  });
}
