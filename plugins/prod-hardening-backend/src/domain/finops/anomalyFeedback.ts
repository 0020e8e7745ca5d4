import type {
  AnomalyFeedback,
  AnomalySource,
  CostAnomaly,
} from '@prod-hardening/plugin-prod-hardening-common';

/**
 * The id of one of the portal's own anomalies: `day/dimension/series`, e.g.
 * `2026-12-01/service/AmazonCloudWatch`. Detection runs again on every page view, so
 * the id is made of what identifies the anomaly, not of when it was computed: the
 * same spike keeps its id, and its answer, while it stays in the 30-day window.
 */
export function portalAnomalyId(
  a: Pick<CostAnomaly, 'day' | 'dimension' | 'series'>,
): string {
  return `${a.day}/${a.dimension}/${a.series}`;
}

/** A stored answer with the order it was recorded in (ties of `answeredAt`). */
export interface RecordedAnomalyFeedback extends AnomalyFeedback {
  seq: number;
}

const key = (source: AnomalySource, anomalyId: string) =>
  `${source}\u0000${anomalyId}`;

/**
 * The answer shown for each anomaly: the latest one given (by time, then by the order
 * recorded, so of two answers in the same millisecond the second wins). Earlier
 * answers stay in the store as the anomaly's history.
 */
export function latestFeedback(
  records: readonly RecordedAnomalyFeedback[],
): (source: AnomalySource, anomalyId: string) => AnomalyFeedback | null {
  const latest = new Map<string, RecordedAnomalyFeedback>();
  for (const r of records) {
    const k = key(r.source, r.anomalyId);
    const current = latest.get(k);
    if (
      !current ||
      r.answeredAt > current.answeredAt ||
      (r.answeredAt === current.answeredAt && r.seq > current.seq)
    ) {
      latest.set(k, r);
    }
  }
  return (source, anomalyId) => {
    const found = latest.get(key(source, anomalyId));
    if (!found) return null;
    const { seq: _seq, ...feedback } = found;
    return feedback;
  };
}
