import {
  prodHardeningFinOpsFeedbackPermission,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import {
  renderWeeklyReviewCsv,
  renderWeeklyReviewMarkdown,
} from '../domain/finops';
import type {
  AnomalyFeedbackService,
  FinOpsService,
  OptimisationService,
} from '../services/finops';
import { RequestBody, validatedQuery } from './apiRouter';
import { authorize } from './authorize';
import { guardedAction, GuardedActionDeps } from './guardedAction';
import { storedReason } from './storedReason';

export interface FinOpsRouteDeps extends GuardedActionDeps {
  finops: FinOpsService;
  optimisation: OptimisationService;
  anomalyFeedback: AnomalyFeedbackService;
}

const FEEDBACK_GUARD = {
  permission: prodHardeningFinOpsFeedbackPermission,
  whoToAsk: 'the FinOps group',
};

const DOWNLOADS = {
  csv: { type: 'text/csv; charset=utf-8', render: renderWeeklyReviewCsv },
  md: {
    type: 'text/markdown; charset=utf-8',
    render: renderWeeklyReviewMarkdown,
  },
} as const;

/**
 * GET /finops/overview, /finops/optimisation and /finops/weekly-review[?format=csv|md];
 * POST /finops/anomalies/feedback answers an anomaly, GET lists one anomaly's answers.
 */
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

  // Triage: yes / no / planned activity. Only the FinOps feedback permission may
  // answer, checked before anything touches AWS; every attempt is audited.
  router.post('/finops/anomalies/feedback', async (req, res) => {
    const sent: RequestBody<'provideAnomalyFeedback'> = req.body;
    const body = { ...sent, comment: storedReason(sent.comment) };
    const answer = await guardedAction(deps, req, {
      what: 'answer cost anomalies',
      guard: FEEDBACK_GUARD,
      refusal: who => deps.anomalyFeedback.refused(who, body),
      action: actor => deps.anomalyFeedback.provide(actor, body),
    });
    res.json(answer);
  });

  router.get('/finops/anomalies/feedback', async (req, res) => {
    const query = validatedQuery<'listAnomalyFeedback'>(req);
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read the answers to cost anomalies',
    );
    res.json({
      items: await deps.anomalyFeedback.history(query.source, query.anomalyId),
    });
  });

  router.get('/finops/weekly-review', async (req, res) => {
    // The router applied the contract's default format (json).
    const { format } = validatedQuery<'getWeeklyReview', 'format'>(req);
    await authorize(
      deps,
      req,
      prodHardeningReadPermission,
      'read the weekly FinOps review',
    );
    const report = await deps.finops.getWeeklyReview();
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
