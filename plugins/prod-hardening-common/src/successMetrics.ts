/**
 * The seed's success metrics, each computed from data the portal already reads, with
 * the seed's target beside it.
 */
import type { SuccessMetric, SuccessMetricsReport } from './schema/openapi';

export type { SuccessMetric, SuccessMetricsReport };

export type SuccessMetricPillar = SuccessMetric['pillar'];

/** `unknown`: the data behind the metric could not be read or does not exist yet. */
export type SuccessMetricStatus = SuccessMetric['status'];

/** Where the portal shows the data behind a metric. */
export type PortalTab = SuccessMetric['tab'];
