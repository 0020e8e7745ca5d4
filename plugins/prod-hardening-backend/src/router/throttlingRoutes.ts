import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { ThrottlingFeature } from '../services/throttling';
import type { Router } from 'express';
import { RequestBody, validatedQuery } from './apiRouter';
import { authorize } from './authorize';
import { guardedAction, GuardedActionDeps } from './guardedAction';
import { storedReason } from './storedReason';

export interface ThrottlingRouteDeps extends GuardedActionDeps {
  throttling: ThrottlingFeature;
}

/**
 * GET /throttling/overview and /throttling/dlq/redrive-status (read), and
 * POST /throttling/dlq/redrive, which needs
 * prod-hardening.remediation.execute, checked before any AWS call; a denied attempt
 * is audited and recorded like the others.
 */
export function addThrottlingRoutes(router: Router, deps: ThrottlingRouteDeps) {
  router.get('/throttling/overview', async (req, res) => {
    // The router applied the contract's default window.
    const { minutes } = validatedQuery<'getThrottlingOverview', 'minutes'>(req);
    await authorize(deps, req, prodHardeningReadPermission, 'read throttling');
    res.json(await deps.throttling.throttling.getOverview(minutes));
  });

  router.get('/throttling/dlq/redrive-status', async (req, res) => {
    await authorize(deps, req, prodHardeningReadPermission, 'read throttling');
    res.json(await deps.throttling.redrive.status());
  });

  router.post('/throttling/dlq/redrive', async (req, res) => {
    const sent: RequestBody<'redriveDeadLetterQueue'> = req.body ?? {};
    const body = { ...sent, reason: storedReason(sent.reason) };
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
