import type {
  AuditorService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type express from 'express';
import { createOpenApiRouter, spec } from '../schema/openapi';
import type { HealthService } from '../services/HealthService';
import type { PostureService } from '../services/posture/PostureService';
import { authorize, AuthorizeDeps } from './authorize';
import { validatedQuery } from './apiRouter';
import { readFindingsQuery } from './findingsQuery';
import { addRemediationRoutes } from './remediationRoutes';
import { addGuidedRemediationRoutes } from './guidedRemediationRoutes';
import { addFindingDetailRoutes } from './findingDetailRoutes';
import { rejectDroppedQueryKeys } from './rejectDroppedQueryKeys';
import { explainValidationErrors } from './validation/explainValidationErrors';
import { jsonBody } from './jsonBody';
import { readHealth } from './healthRoute';
import { addFinOpsRoutes } from './finopsRoutes';
import { addThrottlingRoutes } from './throttlingRoutes';
import { addSuccessMetricsRoutes } from './successMetricsRoutes';
import { addRunbookRoutes } from './runbookRoutes';
import { addEntityRoutes } from './entityRoutes';
import { addExemptionRoutes } from './exemptionRoutes';
import { addApprovalRoutes } from './approvalRoutes';
import type { ApprovalService } from '../services/approvals/ApprovalService';
import type { ExemptionService } from '../services/exemptions/ExemptionService';
import type { EntitySummaryService } from '../services/entities/EntitySummaryService';
import type { RunbookLibrary } from '../services/runbooks/RunbookLibrary';
import type { SuccessMetricsService } from '../services/successMetrics/SuccessMetricsService';
import type { ThrottlingFeature } from '../services/throttling';
import type {
  AnomalyFeedbackService,
  FinOpsService,
  OptimisationService,
} from '../services/finops';
import type { RemediationService } from '../services/remediation/RemediationService';
import type { GuidedRemediationService } from '../services/remediation/GuidedRemediationService';

export interface RouterOptions extends AuthorizeDeps {
  auditor: AuditorService;
  health: HealthService;
  posture: PostureService;
  remediation: RemediationService;
  guided: GuidedRemediationService;
  finops: FinOpsService;
  anomalyFeedback: AnomalyFeedbackService;
  throttling: ThrottlingFeature;
  successMetrics: SuccessMetricsService;
  runbooks: RunbookLibrary;
  optimisation: OptimisationService;
  entities: EntitySummaryService;
  exemptions: ExemptionService;
  approvals: ApprovalService;
  userInfo: UserInfoService;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = await createOpenApiRouter({
    middleware: jsonBody(),
  });
  // Before any route: it only sees the validator's refusals, never a handler's error.
  router.use(explainValidationErrors(spec));
  router.use(rejectDroppedQueryKeys);

  router.get('/health', async (req, res) => {
    res.json(await readHealth(options, req));
  });

  router.get('/posture', async (req, res) => {
    await authorize(
      options,
      req,
      prodHardeningReadPermission,
      'read the posture',
    );
    res.json(
      await options.posture.getReport({
        refresh: req.query.refresh === 'true',
      }),
    );
  });

  router.get('/posture/trend', async (req, res) => {
    await authorize(
      options,
      req,
      prodHardeningReadPermission,
      'read the posture trend',
    );
    // The router applied the contract's default window.
    const days = Number(validatedQuery<'getPostureTrend', 'days'>(req).days);
    res.json({ points: await options.posture.getTrend(days) });
  });

  router.get('/findings', async (req, res) => {
    const query = readFindingsQuery(req);
    await authorize(options, req, prodHardeningReadPermission, 'read findings');
    res.json(await options.posture.getFindings(query));
  });

  addFindingDetailRoutes(router, options);
  addRemediationRoutes(router, options);
  addGuidedRemediationRoutes(router, options);
  addFinOpsRoutes(router, options);
  addThrottlingRoutes(router, options);
  addSuccessMetricsRoutes(router, options);
  addRunbookRoutes(router, options);
  addEntityRoutes(router, options);
  addExemptionRoutes(router, options);
  addApprovalRoutes(router, options);

  return router;
}
