/**
 * Anomaly triage: the FinOps tab answers each cost anomaly with one of AWS Cost
 * Anomaly Detection's three feedback values. AWS anomalies get the answer sent to AWS
 * (ProvideAnomalyFeedback) and recorded; the portal's own anomalies are recorded only.
 */

import type { AnomalyFeedback } from './schema/openapi';
import type { JsonRequestBody } from './contract';

/** AWS's AnomalyFeedbackType values, the same three for the portal's own anomalies. */
export const ANOMALY_FEEDBACK_VALUES = [
  'YES',
  'NO',
  'PLANNED_ACTIVITY',
] as const;
export type AnomalyFeedbackValue = (typeof ANOMALY_FEEDBACK_VALUES)[number];

/** What a person reads for each answer: is this a real anomaly? */
export const ANOMALY_FEEDBACK_LABELS: Record<AnomalyFeedbackValue, string> = {
  YES: 'Yes, an anomaly',
  NO: 'No, not an anomaly',
  PLANNED_ACTIVITY: 'Planned activity',
};

/** "Planned activity — user:default/jane, 2026-12-06 10:15 UTC: load test". */
export function describeAnomalyFeedback(f: AnomalyFeedback): string {
  const when = `${f.answeredAt.slice(0, 16).replace('T', ' ')} UTC`;
  const comment = f.comment ? `: ${f.comment}` : '';
  return `${ANOMALY_FEEDBACK_LABELS[f.feedback]} — ${
    f.answeredBy
  }, ${when}${comment}`;
}

/** Who found the anomaly: AWS Cost Anomaly Detection, or the portal's own detection. */
export type AnomalySource = 'aws' | 'portal';

/** The body of POST /finops/anomalies/feedback (`comment`: why, for the next reader). */
export type AnomalyFeedbackRequest = JsonRequestBody<'provideAnomalyFeedback'>;

/** One recorded answer; every answer is kept, the latest is the one shown. */
export type { AnomalyFeedback };
