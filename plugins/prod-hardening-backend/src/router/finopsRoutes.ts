import { InputError } from '@backstage/errors';
import {
  ANOMALY_FEEDBACK_COMMENT_MAX_CHARS,
  ANOMALY_FEEDBACK_VALUES,
  ANOMALY_ID_MAX_CHARS,
  ANOMALY_SOURCES,
  prodHardeningFinOpsFeedbackPermission,
  prodHardeningReadPermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Router } from 'express';
import { z } from 'zod';
import {
  renderWeeklyReviewCsv,
  renderWeeklyReviewMarkdown,
} from '../domain/finops';
import type {
  AnomalyFeedbackService,
  FinOpsService,
  OptimisationService,
} from '../services/finops';
import { authorize } from './authorize';
import { guardedAction, GuardedActionDeps } from './guardedAction';
import { parseInput } from './parseInput';

export interface FinOpsRouteDeps extends GuardedActionDeps {
  finops: FinOpsService;
  optimisation: OptimisationService;
  anomalyFeedback: AnomalyFeedbackService;
}

const anomalyRef = {
  source: z.enum(ANOMALY_SOURCES),
  // No control characters: the id goes to AWS and into the audit log as it is.
  anomalyId: z
    .string()
    .min(1)
    .max(ANOMALY_ID_MAX_CHARS)
    .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters'),
};
const feedbackBody = z
  .object({
    ...anomalyRef,
    feedback: z.enum(ANOMALY_FEEDBACK_VALUES),
    comment: z
      .string()
      .trim()
      .min(1, 'must not be empty (leave it out instead)')
      .max(ANOMALY_FEEDBACK_COMMENT_MAX_CHARS)
      .optional(),
  })
  .strict();
const feedbackHistoryQuery = z.object(anomalyRef).strict();

const FEEDBACK_GUARD = {
  permission: prodHardeningFinOpsFeedbackPermission,
  whoToAsk: 'the FinOps group',
};

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
    const body = parseInput(feedbackBody, req.body, 'request body');
    const answer = await guardedAction(deps, req, {
      what: 'answer cost anomalies',
      guard: FEEDBACK_GUARD,
      refusal: who => deps.anomalyFeedback.refused(who, body),
      action: actor => deps.anomalyFeedback.provide(actor, body),
    });
    res.json(answer);
  });

  router.get('/finops/anomalies/feedback', async (req, res) => {
    const query = parseInput(feedbackHistoryQuery, req.query, 'query');
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
