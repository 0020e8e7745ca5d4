import {
  DLQ_REDRIVE_MAX_MESSAGES,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { ThrottlingFeature } from '../services/throttling';
import { authorize, authorizeChange, AuthorizeDeps } from './authorize';
import { changeReason, parseInput } from './parseInput';

export interface ThrottlingRouteDeps extends AuthorizeDeps {
  throttling: ThrottlingFeature;
}

const overviewQuery = z
  .object({
    minutes: z.coerce.number().int().min(5).max(180).default(30),
  })
  .strict();

const redriveBody = z
  .object({
    maxMessages: z
      .number()
      .int()
      .min(1)
      .max(DLQ_REDRIVE_MAX_MESSAGES)
      .default(100),
    reason: changeReason,
  })
  .strict();

/**
 * GET /throttling/overview (read) and POST /throttling/dlq/redrive, which needs
 * prod-hardening.remediation.execute, checked before any AWS call; a denied attempt
 * is audited and recorded like the others.
 */
export function addThrottlingRoutes(router: Router, deps: ThrottlingRouteDeps) {
  router.get('/throttling/overview', async (req, res) => {
    const query = parseInput(overviewQuery, req.query, 'query');
    await authorize(deps, req, prodHardeningReadPermission, 'read throttling');
    res.json(await deps.throttling.throttling.getOverview(query.minutes));
  });

  router.post('/throttling/dlq/redrive', async (req, res) => {
    const body = parseInput(redriveBody, req.body ?? {}, 'request body');
    const actor = await authorizeChange(
      deps,
      req,
      'redrive the dead-letter queue',
      (who, error) =>
        deps.throttling.redrive.recordRefused(req, who, body.reason, error),
      async () => deps.throttling.redrive.affectedResources(),
    );
    res.json(
      await deps.throttling.redrive.redrive(
        req,
        actor,
        body.maxMessages,
        body.reason,
      ),
    );
  });
}
