/**
 * The seed's success metrics, each computed from data the portal already reads, with
 * the seed's target beside it.
 */

export type SuccessMetricPillar =
  | 'security'
  | 'observability'
  | 'finops'
  | 'rate-limiting';

/** `unknown`: the data behind the metric could not be read or does not exist yet. */
export type SuccessMetricStatus = 'met' | 'not-met' | 'unknown';

/** Where the portal shows the data behind a metric. */
export type PortalTab = 'posture' | 'finops' | 'throttling' | 'weekly-review';

export interface SuccessMetric {
  id: string;
  pillar: SuccessMetricPillar;
  label: string;
  /** The seed's target, as written for people ("100%", "< $500", "0"). */
  target: string;
  /** The measured value, formatted; null when unknown. */
  value: string | null;
  status: SuccessMetricStatus;
  /** How the value was computed, or why it is unknown. */
  detail: string;
  /** The tab with the data behind it. */
  tab: PortalTab;
  /** The posture check behind it, when one is. */
  checkId?: string;
  /** The runbook to follow when the metric is missed. */
  runbookId?: string;
}

export interface SuccessMetricsReport {
  generatedAt: string;
  metrics: SuccessMetric[];
  met: number;
  notMet: number;
  unknown: number;
}
