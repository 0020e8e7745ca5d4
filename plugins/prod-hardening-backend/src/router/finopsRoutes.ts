import { InputError } from '@backstage/errors';
import { prodHardeningReadPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import {
  renderWeeklyReviewCsv,
  renderWeeklyReviewMarkdown,
} from '../domain/finops';
import type { FinOpsService, OptimisationService } from '../services/finops';
import { authorize, AuthorizeDeps } from './authorize';

export interface FinOpsRouteDeps extends AuthorizeDeps {
  finops: FinOpsService;
  optimisation: OptimisationService;
}

const weeklyReviewQuery = z
  .object({ format: z.enum(['json', 'csv', 'md']).default('json') })
  .strict();

const DOWNLOADS = {
  csv: { type: 'text/csv; charset=utf-8', render: renderWeeklyReviewCsv },
  md: {
    type: 'text/markdown; charset=utf-8',
    render: renderWeeklyReviewMarkdown,
  },
} as const;

/** GET /finops/overview, /finops/optimisation and /finops/weekly-review[?format=csv|md]. */
export function addFinOpsRoutes(router: Router, deps: FinOpsRouteDeps) {
  router.get('/finops/overview', async (req, res) => {
    await authorize(deps, req, prodHardeningReadPermission, 'read FinOps');
    res.json(await deps.finops.getOverview());
  });

  router.get('/finops/optimisation', async (req, res) => {
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read the savings targets',
    );
    res.json(await deps.optimisation.getOptimisation());
  });

  router.get('/finops/weekly-review', async (req, res) => {
    const parsed = weeklyReviewQuery.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        `Invalid query parameter ${issue.path.join('.') || '(query)'}: ${
          issue.message
        }`,
      );
    }
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read the weekly FinOps review',
    );
    const report = await deps.finops.getWeeklyReview();
    const { format } = parsed.data;
    if (format === 'json') {
      res.json(report);
      return;
    }
    const download = DOWNLOADS[format];
    const filename = `finops-weekly-review-${report.periods.current.from}_${report.periods.current.to}.${format}`;
    res.setHeader('Content-Type', download.type);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(download.render(report));
  });
}
