import type {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  prodHardeningReadPermission,
  prodHardeningRemediationApprovePermission,
  prodHardeningRemediationExecutePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request, Router } from 'express';
import type { Viewer } from '../domain/approvals/rules';
import type { ApprovalService } from '../services/approvals/ApprovalService';
import type { RemediationService } from '../services/remediation/RemediationService';
import { authorize } from './authorize';
import { guardedAction, GuardedActionDeps } from './guardedAction';
import { RequestBody, validatedParams, validatedQuery } from './apiRouter';
import { storedReason } from './storedReason';

const APPROVE_GUARD = {
  permission: prodHardeningRemediationApprovePermission,
  whoToAsk: 'the security group',
};

export interface ApprovalRouteDeps extends GuardedActionDeps {
  approvals: ApprovalService;
  remediation: RemediationService;
  userInfo: UserInfoService;
}

/**
 * Asking needs what executing needs (prod-hardening.remediation.execute and the
 * resources); deciding needs prod-hardening.remediation.approve, then membership of
 * the request's approver groups and not being its requester (the service's rule).
 * Every attempt, refused ones included, is audited and in the history.
 */
export function addApprovalRoutes(router: Router, deps: ApprovalRouteDeps) {
  router.get('/remediations/approvals', async (req, res) => {
    const query = validatedQuery<'listApprovals', 'limit'>(req);
    const credentials = await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read approval requests',
    );
    const viewer = await viewerOf(deps, credentials);
    res.json({ items: await deps.approvals.list(viewer, query) });
  });

  router.get('/remediations/approvals/:id', async (req, res) => {
    const { id } = validatedParams<'getApproval'>(req);
    const credentials = await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read approval requests',
    );
    res.json(await deps.approvals.get(id, await viewerOf(deps, credentials)));
  });

  router.post('/remediations/approvals', async (req, res) => {
    const sent: RequestBody<'requestApproval'> = req.body;
    const body = { ...sent, reason: storedReason(sent.reason)! };
    const requested = await guardedAction(deps, req, {
      what: 'ask for remediations',
      refusal: who =>
        deps.approvals.refused(who, 'request', { planId: body.planId }),
      affectedResources: () => deps.remediation.affectedResources(body.planId),
      action: actor => deps.approvals.request(actor, body.planId, body.reason),
    });
    res.status(201).json(requested);
  });

  router.post('/remediations/approvals/:id/decision', async (req, res) => {
    const { id } = validatedParams<'decideApproval'>(req);
    const sent: RequestBody<'decideApproval'> = req.body;
    const body = { ...sent, comment: storedReason(sent.comment) };
    const decided = await guardedAction(deps, req, {
      what: 'approve remediations',
      guard: APPROVE_GUARD,
      refusal: who => deps.approvals.refused(who, 'decide', { approvalId: id }),
      prepare: actor => deciderOf(deps, req, actor),
      action: (_actor, viewer: Viewer) =>
        deps.approvals.decide(viewer, id, body.decision, body.comment),
    });
    res.json(decided);
  });
}

/** The signed-in user deciding (guardedAction let only users through), with their groups. */
async function deciderOf(
  deps: ApprovalRouteDeps,
  req: Request,
  actor: string,
): Promise<Viewer> {
  try {
    const viewer = await viewerOf(
      deps,
      await deps.httpAuth.credentials(req, { allow: ['user'] }),
    );
    if (!viewer) throw new Error(`${actor} is not a user`);
    return viewer;
  } catch (err) {
    throw new ServiceUnavailableError(
      `Could not read your groups, so nothing was decided; try again later (${
        (err as Error).message
      }).`,
    );
  }
}

/**
 * A signed-in user with their ownership refs (groups) and whether the approve and
 * execute permissions allow them; undefined for a service.
 */
async function viewerOf(
  deps: { userInfo: UserInfoService; permissions: PermissionsService },
  credentials: BackstageCredentials,
): Promise<Viewer | undefined> {
  const principal = credentials.principal as { type?: string };
  if (principal.type !== 'user') return undefined;
  const [info, [approve, execute]] = await Promise.all([
    deps.userInfo.getUserInfo(credentials as any),
    deps.permissions.authorize(
      [
        { permission: prodHardeningRemediationApprovePermission },
        { permission: prodHardeningRemediationExecutePermission },
      ],
      { credentials },
    ),
  ]);
  return {
    userRef: info.userEntityRef,
    ownershipRefs: info.ownershipEntityRefs,
    allowed: {
      approve: approve.result === AuthorizeResult.ALLOW,
      execute: execute.result === AuthorizeResult.ALLOW,
    },
  };
}
