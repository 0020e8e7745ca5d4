import {
  EXEMPTION_JUSTIFICATION_MAX_CHARS,
  EXEMPTION_JUSTIFICATION_MIN_CHARS,
  EXEMPTION_STATUSES,
  ExemptionStatus,
  prodHardeningExemptionCreatePermission,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import { exemptionsCsv } from '../domain/exemptions/rules';
import type { ExemptionService } from '../services/exemptions/ExemptionService';
import { authorize } from './authorize';
import { guardedAction, GuardedActionDeps } from './guardedAction';
import { parseInput } from './parseInput';

const checkId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9-]+$/);
const justification = z
  .string()
  .trim()
  .min(
    EXEMPTION_JUSTIFICATION_MIN_CHARS,
    `must say why the risk is accepted (at least ${EXEMPTION_JUSTIFICATION_MIN_CHARS} characters)`,
  )
  .max(EXEMPTION_JUSTIFICATION_MAX_CHARS);
const expiresAt = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

const createBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('check'),
      checkId,
      resourceId: z.string().min(1).max(2048),
      justification,
      expiresAt,
    })
    .strict(),
  z
    .object({
      kind: z.literal('finding'),
      findingId: z.string().min(1).max(2048),
      justification,
      expiresAt,
    })
    .strict(),
]);

const filters = {
  status: z
    .enum(EXEMPTION_STATUSES as [ExemptionStatus, ...ExemptionStatus[]])
    .optional(),
  checkId: checkId.optional(),
  resource: z.string().min(1).max(2048).optional(),
};
const listQuery = z
  .object({ ...filters, format: z.enum(['json', 'csv']).default('json') })
  .strict();
const csvQuery = z.object(filters).strict();
const revokeParams = z.object({ id: z.string().uuid() });

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
  const sendCsv = async (res: any, query: z.infer<typeof csvQuery>) => {
    const items = await deps.exemptions.list(query);
    res
      .type('text/csv')
      .attachment('exemptions.csv')
      .send(exemptionsCsv(items));
  };

  router.get('/exemptions', async (req, res) => {
    const { format, ...query } = parseInput(listQuery, req.query, 'query');
    await authorize(deps, req, prodHardeningReadPermission, 'read exemptions');
    if (format === 'csv') {
      await sendCsv(res, query);
      return;
    }
    res.json({ items: await deps.exemptions.list(query) });
  });

  router.get('/exemptions.csv', async (req, res) => {
    const query = parseInput(csvQuery, req.query, 'query');
    await authorize(deps, req, prodHardeningReadPermission, 'read exemptions');
    await sendCsv(res, query);
  });

  router.post('/exemptions', async (req, res) => {
    const body = parseInput(createBody, req.body, 'request body');
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
    const { id } = parseInput(revokeParams, req.params, 'path');
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
