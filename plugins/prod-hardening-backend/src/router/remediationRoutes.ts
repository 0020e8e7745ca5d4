import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  prodHardeningHistoryVerifyPermission,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { withAuditEvent } from '../services/guard';
import type { RemediationService } from '../services/remediation/RemediationService';
import { RequestBody, validatedQuery } from './apiRouter';
import { authorize, AuthorizeDeps, principalRef } from './authorize';
import { guardedAction, requestAuditEvents } from './guardedAction';
import { storedReason } from './storedReason';

export interface RemediationRouteDeps extends AuthorizeDeps {
  remediation: RemediationService;
  auditor: AuditorService;
}

/**
 * Preview is a read; execute needs prod-hardening.remediation.execute and
 * prod-hardening.resource.remediate on every resource the plan changes, checked before
 * anything touches AWS. A refused attempt is still audited and recorded (the route
 * lets unauthenticated calls through to record them; see plugin.ts).
 */
export function addRemediationRoutes(
  router: Router,
  deps: RemediationRouteDeps,
) {
  router.post('/remediations/preview', async (req, res) => {
    const body: RequestBody<'previewRemediation'> = req.body;
    const credentials = await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'preview remediations',
    );
    const userRef = principalRef(credentials.principal);
    res.json(
      await deps.remediation.preview(
        userRef,
        body.checkId,
        body.override ?? false,
      ),
    );
  });

  router.post('/remediations/execute', async (req, res) => {
    const sent: RequestBody<'executeRemediation'> = req.body;
    const body = { ...sent, reason: storedReason(sent.reason) };
    const result = await guardedAction(deps, req, {
      what: 'run remediations',
      refusal: who => deps.remediation.refused(who, body.planId, body.reason),
      affectedResources: () => deps.remediation.affectedResources(body.planId),
      action: actor =>
        deps.remediation.execute(actor, body.planId, body.reason),
    });
    // Past the deadline the state is unknown: accepted, not done (the history settles it).
    res.status(result.outcome === 'timed-out' ? 202 : 200).json(result);
  });

  router.get('/remediations/history', async (req, res) => {
    // The router applied the contract's default limit.
    const query = validatedQuery<'getRemediationHistory', 'limit'>(req);
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read the remediation history',
    );
    res.json({
      items: await deps.remediation.history(query.checkId, query.limit),
    });
  });

  // Walks the whole chain: for administrators (prod-hardening.history.verify), and
  // audited, since it is how a tampered record would be found.
  router.get('/remediations/history/verify', async (req, res) => {
    await authorize(
      deps,
      req,
      prodHardeningHistoryVerifyPermission,
      'verify the remediation history',
    );
    const result = await withAuditEvent(
      requestAuditEvents(deps.auditor, req),
      { eventId: 'history-verify', severityLevel: 'medium' },
      async () => {
        const value = await deps.remediation.verifyHistory();
        const meta = {
          ok: value.ok,
          checkedRows: value.checkedRows,
          firstBreakId: value.firstBreak?.id ?? null,
        };
        return { value, meta };
      },
    );
    res.json(result);
  });
}
