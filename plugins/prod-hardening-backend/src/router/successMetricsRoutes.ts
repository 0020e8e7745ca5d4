import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import type { SuccessMetricsService } from '../services/successMetrics/SuccessMetricsService';
import { authorize, AuthorizeDeps } from './authorize';

export interface SuccessMetricsRouteDeps extends AuthorizeDeps {
  successMetrics: SuccessMetricsService;
}

/** GET /success-metrics: the seed's success metrics with their targets. */
export function addSuccessMetricsRoutes(
  router: Router,
  deps: SuccessMetricsRouteDeps,
) {
  router.get('/success-metrics', async (req, res) => {
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read the success metrics',
    );
    res.json(await deps.successMetrics.getReport());
  });
}
