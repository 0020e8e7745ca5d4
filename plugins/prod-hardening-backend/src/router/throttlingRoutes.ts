import {
  DLQ_REDRIVE_MAX_MESSAGES,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { ThrottlingFeature } from '../services/throttling';
import { authorize } from './authorize';
import { guardedAction, GuardedActionDeps } from './guardedAction';
import { changeReason, parseInput } from './parseInput';

export interface ThrottlingRouteDeps extends GuardedActionDeps {
  throttling: ThrottlingFeature;
}

const overviewQuery = z
  .object({
    minutes: z.coerce.number().int().min(5).max(180).default(30),
  })
  .strict();

const redriveBody = z
  .object({
    /** A bound asks for a bounded move; without one, SQS's move task moves every message. */
    maxMessages: z
      .number()
      .int()
      .min(1)
      .max(DLQ_REDRIVE_MAX_MESSAGES)
      .optional(),
    reason: changeReason,
  })
  .strict();

/**
 * GET /throttling/overview and /throttling/dlq/redrive-status (read), and
 * POST /throttling/dlq/redrive, which needs
 * prod-hardening.remediation.execute, checked before any AWS call; a denied attempt
 * is audited and recorded like the others.
 */
export function addThrottlingRoutes(router: Router, deps: ThrottlingRouteDeps) {
  router.get('/throttling/overview', async (req, res) => {
    const query = parseInput(overviewQuery, req.query, 'query');
    await authorize(deps, req, prodHardeningReadPermission, 'read throttling');
    res.json(await deps.throttling.throttling.getOverview(query.minutes));
  });

  router.get('/throttling/dlq/redrive-status', async (req, res) => {
    parseInput(z.object({}).strict(), req.query, 'query');
    await authorize(deps, req, prodHardeningReadPermission, 'read throttling');
    res.json(await deps.throttling.redrive.status());
  });

  router.post('/throttling/dlq/redrive', async (req, res) => {
    const body = parseInput(redriveBody, req.body ?? {}, 'request body');
    const { redrive } = deps.throttling;
    const result = await guardedAction(deps, req, {
      what: 'redrive the dead-letter queue',
      refusal: who => redrive.refused(who, body.reason),
      affectedResources: async () => redrive.affectedResources(),
      action: actor => redrive.redrive(actor, body.maxMessages, body.reason),
    });
    // A move task still running, or a redrive past its deadline, is accepted, not done.
    const accepted =
      result.outcome === 'running' || result.outcome === 'timed-out';
    res.status(accepted ? 202 : 200).json(result);
  });
}
