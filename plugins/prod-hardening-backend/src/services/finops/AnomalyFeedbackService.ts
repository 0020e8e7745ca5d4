import type { AuditorService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type {
  AnomalyFeedback,
  AnomalyFeedbackRequest,
  AnomalySource,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Request } from 'express';
import { describeAwsError } from '../../aws';
import type { CostExplorerSource } from '../../sources/costExplorer';
import type { AnomalyFeedbackStore } from './AnomalyFeedbackStore';
import type { FinOpsService } from './FinOpsService';

/** The auditor's event for every answer, refused and failed ones included. */
export const ANOMALY_FEEDBACK_EVENT = 'finops-anomaly-feedback';

export interface AnomalyFeedbackServiceOptions {
  /** Which anomalies exist: only those can be answered. */
  anomalies: Pick<FinOpsService, 'knowsAnomaly'>;
  costExplorer: Pick<CostExplorerSource, 'provideAnomalyFeedback'>;
  store: AnomalyFeedbackStore;
  auditor: AuditorService;
  endpoint?: string;
  now?: () => Date;
}

const SOURCE_NAMES: Record<AnomalySource, string> = {
  aws: 'AWS Cost Anomaly Detection',
  portal: "the portal's own detection",
};

/**
 * Triage of cost anomalies: an answer to an AWS anomaly is sent to Cost Anomaly
 * Detection first and recorded only once AWS took it; an answer to one of the
 * portal's own anomalies is recorded only. Every attempt is an audit event.
 */
export class AnomalyFeedbackService {
  private readonly now: () => Date;

  constructor(private readonly options: AnomalyFeedbackServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Records an answer refused before it started (not signed in, no permission). */
  async recordRefused(
    req: Request,
    actor: string,
    input: AnomalyFeedbackRequest,
    error: Error,
  ): Promise<void> {
    const event = await this.openEvent(req, actor, input);
    await event.fail({ error, meta: { outcome: 'denied' } });
  }

  async provide(
    req: Request | undefined,
    actor: string,
    input: AnomalyFeedbackRequest,
  ): Promise<AnomalyFeedback> {
    const { anomalies, costExplorer, store, endpoint } = this.options;
    const event = await this.openEvent(req, actor, input);
    try {
      if (!(await anomalies.knowsAnomaly(input.source, input.anomalyId))) {
        throw new NotFoundError(
          `There is no anomaly ${input.anomalyId} from ${
            SOURCE_NAMES[input.source]
          } in the last 30 days; reload the FinOps tab.`,
        );
      }
      if (input.source === 'aws') {
        try {
          await costExplorer.provideAnomalyFeedback(
            input.anomalyId,
            input.feedback,
            actor,
          );
        } catch (err) {
          throw new ServiceUnavailableError(
            `AWS Cost Anomaly Detection did not take the answer, so nothing was recorded: ${describeAwsError(
              err,
              endpoint,
            )}.`,
          );
        }
      }
      const feedback: AnomalyFeedback = {
        source: input.source,
        anomalyId: input.anomalyId,
        feedback: input.feedback,
        comment: input.comment ?? null,
        answeredBy: actor,
        answeredAt: this.now().toISOString(),
      };
      try {
        await store.add(feedback);
      } catch (err) {
        if (input.source !== 'aws') throw err;
        // AWS has the answer; say so, so that answering again is understood as safe.
        throw new ServiceUnavailableError(
          `AWS Cost Anomaly Detection took the answer, but the portal could not record it (${
            (err as Error).message
          }); answer again to record it.`,
        );
      }
      await event.success({ meta: { answeredAt: feedback.answeredAt } });
      return feedback;
    } catch (err) {
      await event.fail({ error: err as Error });
      throw err;
    }
  }

  /** One anomaly's answers, newest first. */
  history(source: AnomalySource, anomalyId: string) {
    return this.options.store.history(source, anomalyId);
  }

  private openEvent(
    req: Request | undefined,
    actor: string,
    input: AnomalyFeedbackRequest,
  ) {
    return this.options.auditor.createEvent({
      eventId: ANOMALY_FEEDBACK_EVENT,
      severityLevel: 'medium',
      request: req,
      meta: {
        source: input.source,
        anomalyId: input.anomalyId,
        feedback: input.feedback,
        actor,
      },
    });
  }
}
