import {
  prodHardeningExemptionCreatePermission,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { exemptionsCsv } from '../domain/exemptions/rules';
import type { ExemptionService } from '../services/exemptions/ExemptionService';
import { authorize } from './authorize';
import { guardedAction, GuardedActionDeps } from './guardedAction';
import {
  QueryParams,
  RequestBody,
  validatedParams,
  validatedQuery,
} from './apiRouter';
import { storedReason } from './storedReason';

const EXEMPT_GUARD = {
  permission: prodHardeningExemptionCreatePermission,
  whoToAsk: 'the security group',
};

export interface ExemptionRouteDeps extends GuardedActionDeps {
  exemptions: ExemptionService;
}

/**
 * Listing and the CSV export are reads; creating and revoking need
 * prod-hardening.exemption.create, checked before anything touches AWS, and every
 * attempt, refused ones included, is audited and in the history.
 */
export function addExemptionRoutes(router: Router, deps: ExemptionRouteDeps) {
  const sendCsv = async (res: any, query: QueryParams<'exportExemptions'>) => {
    const items = await deps.exemptions.list(query);
    res
      .type('text/csv')
      .attachment('exemptions.csv')
      .send(exemptionsCsv(items));
  };

  router.get('/exemptions', async (req, res) => {
    const { format, ...query } = validatedQuery<'listExemptions', 'format'>(
      req,
    );
    await authorize(deps, req, prodHardeningReadPermission, 'read exemptions');
    if (format === 'csv') {
      await sendCsv(res, query);
      return;
    }
    res.json({ items: await deps.exemptions.list(query) });
  });

  router.get('/exemptions.csv', async (req, res) => {
    const query = validatedQuery<'exportExemptions'>(req);
    await authorize(deps, req, prodHardeningReadPermission, 'read exemptions');
    await sendCsv(res, query);
  });

  router.post('/exemptions', async (req, res) => {
    const sent: RequestBody<'createExemption'> = req.body;
    const body = { ...sent, justification: storedReason(sent.justification)! };
    const target =
      body.kind === 'check'
        ? { checkId: body.checkId, resourceId: body.resourceId }
        : { resourceId: body.findingId };
    const exemption = await guardedAction(deps, req, {
      what: 'exempt items',
      guard: EXEMPT_GUARD,
      refusal: who => deps.exemptions.refused(who, 'create', target),
      action: actor => deps.exemptions.create(actor, body),
    });
    res.json(exemption);
  });

  router.post('/exemptions/:id/revoke', async (req, res) => {
    const { id } = validatedParams<'revokeExemption'>(req);
    const revoked = await guardedAction(deps, req, {
      what: 'revoke exemptions',
      guard: EXEMPT_GUARD,
      refusal: who =>
        deps.exemptions.refused(who, 'revoke', { resourceId: id }),
      action: actor => deps.exemptions.revoke(actor, id),
    });
    res.json(revoked);
  });
}
