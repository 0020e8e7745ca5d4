import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import type {
  AnomalyFeedback,
  AnomalyFeedbackRequest,
  AnomalySource,
} from '@prod-hardening/plugin-prod-hardening-common';
import { describeAwsError } from '../../aws';
import type { CostExplorerSource } from '../../sources/costExplorer';
import {
  AuditedAction,
  AuditedRefusal,
  OpenAuditEvent,
  withAuditEvent,
} from '../guard';
import type { AnomalyFeedbackStore } from './AnomalyFeedbackStore';
import type { FinOpsService } from './FinOpsService';

/** The auditor's event for every answer, refused and failed ones included. */
export const ANOMALY_FEEDBACK_EVENT = 'finops-anomaly-feedback';

export interface AnomalyFeedbackServiceOptions {
  /** Which anomalies exist: only those can be answered. */
  anomalies: Pick<FinOpsService, 'knowsAnomaly'>;
  costExplorer: Pick<CostExplorerSource, 'provideAnomalyFeedback'>;
  store: AnomalyFeedbackStore;
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

  /** An answer refused before it started (not signed in, no permission). */
  refused(actor: string, input: AnomalyFeedbackRequest): AuditedRefusal {
    return {
      record: async (openEvent, error) => {
        const event = await openEvent(this.event(actor, input));
        await event.fail({ error, meta: { outcome: 'denied' } });
      },
    };
  }

  /** Answers an anomaly: one audit event; the stored answer is its record (no history row). */
  provide(
    actor: string,
    input: AnomalyFeedbackRequest,
  ): AuditedAction<AnomalyFeedback> {
    return {
      run: (openEvent: OpenAuditEvent) =>
        withAuditEvent(openEvent, this.event(actor, input), async () => {
          const feedback = await this.answer(actor, input);
          return { value: feedback, meta: { answeredAt: feedback.answeredAt } };
        }),
    };
  }

  private async answer(
    actor: string,
    input: AnomalyFeedbackRequest,
  ): Promise<AnomalyFeedback> {
    const { anomalies, costExplorer, store, endpoint } = this.options;
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
    return feedback;
  }

  /** One anomaly's answers, newest first. */
  history(source: AnomalySource, anomalyId: string) {
    return this.options.store.history(source, anomalyId);
  }

  private event(actor: string, input: AnomalyFeedbackRequest) {
    return {
      eventId: ANOMALY_FEEDBACK_EVENT,
      severityLevel: 'medium' as const,
      meta: {
        source: input.source,
        anomalyId: input.anomalyId,
        feedback: input.feedback,
        actor,
      },
    };
  }
}
