import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  prodHardeningReadPermission,
  prodHardeningRemediationExecutePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { RemediationService } from '../services/remediation/RemediationService';
import { authorize } from './authorize';
import { parseInput } from './parseInput';

const previewBody = z.object({
  checkId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[a-z0-9-]+$/),
  override: z.boolean().optional(),
});
const executeBody = z.object({ planId: z.string().uuid() });
const historyQuery = z.object({
  checkId: z
    .string()
    .max(128)
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export interface RemediationRouteDeps {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  remediation: RemediationService;
}

/**
 * Preview is a read; execute needs prod-hardening.remediation.execute, checked before
 * anything touches AWS. A denied attempt is still audited and recorded.
 */
export function addRemediationRoutes(
  router: Router,
  deps: RemediationRouteDeps,
) {
  router.post('/remediations/preview', async (req, res) => {
    const body = parseInput(previewBody, req.body, 'request body');
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
    const body = parseInput(executeBody, req.body, 'request body');
    const credentials = await deps.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const actor = principalRef(credentials.principal);
    const [decision] = await deps.permissions.authorize(
      [{ permission: prodHardeningRemediationExecutePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const reason = `You are not allowed to run remediations (permission ${prodHardeningRemediationExecutePermission.name}); ask the platform on-call group.`;
      await deps.remediation.recordDenied(req, actor, body.planId, reason);
      throw new NotAllowedError(reason);
    }
    res.json(await deps.remediation.execute(req, actor, body.planId));
  });

  router.get('/remediations/history', async (req, res) => {
    const query = parseInput(historyQuery, req.query, 'query');
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
}

/** The caller as an entity ref (users) or service:<subject>, for history rows. */
export function principalRef(principal: unknown): string {
  const p = principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return p.userEntityRef ?? (p.subject ? `service:${p.subject}` : 'unknown');
}
