import type { CostAnomaly } from '@prod-hardening/plugin-prod-hardening-common';
import {
  latestFeedback,
  portalAnomalyId,
  RecordedAnomalyFeedback,
} from './anomalyFeedback';
import { detectCostAnomalies } from './anomalies';

const record = (
  more: Partial<RecordedAnomalyFeedback>,
): RecordedAnomalyFeedback => ({
  seq: 1,
  source: 'aws',
  anomalyId: 'a1',
  feedback: 'YES',
  comment: null,
  answeredBy: 'user:default/fiona',
  answeredAt: '2026-12-01T10:00:00.000Z',
  ...more,
});

describe('portalAnomalyId', () => {
  it('names the day, dimension and series', () => {
    expect(
      portalAnomalyId({
        day: '2026-12-01',
        dimension: 'service',
        series: 'Amazon Elastic Compute Cloud - Compute',
      }),
    ).toBe('2026-12-01/service/Amazon Elastic Compute Cloud - Compute');
  });

  it('gives a spike the same id on every run of the detection, and a different id to each anomaly', () => {
    // 28 days of $10 and one day of $60 in one service, detected on two later clocks.
    const rows = Array.from({ length: 29 }, (_, i) => ({
      day: `2026-11-${String(i + 1).padStart(2, '0')}`,
      service: 'AmazonCloudWatch',
      amountMicros: i === 28 ? 60_000_000 : 10_000_000,
    }));
    const ids = (now: string) =>
      detectCostAnomalies({ now: new Date(now), rows }).map((a: CostAnomaly) =>
        portalAnomalyId(a),
      );
    const first = ids('2026-11-30T06:00:00Z');
    expect(first).toEqual([
      '2026-11-29/total/Total',
      '2026-11-29/service/AmazonCloudWatch',
    ]);
    expect(ids('2026-12-01T18:00:00Z')).toEqual(expect.arrayContaining(first));
  });
});

describe('latestFeedback', () => {
  it('shows the latest answer of each anomaly and null for one never answered', () => {
    const latest = latestFeedback([
      record({
        seq: 1,
        feedback: 'YES',
        answeredAt: '2026-12-01T10:00:00.000Z',
      }),
      record({
        seq: 3,
        feedback: 'NO',
        answeredAt: '2026-12-02T09:00:00.000Z',
      }),
      record({
        seq: 2,
        feedback: 'PLANNED_ACTIVITY',
        answeredAt: '2026-12-01T12:00:00.000Z',
      }),
      record({ seq: 4, anomalyId: 'a2', feedback: 'YES' }),
    ]);
    expect(latest('aws', 'a1')).toEqual({
      source: 'aws',
      anomalyId: 'a1',
      feedback: 'NO',
      comment: null,
      answeredBy: 'user:default/fiona',
      answeredAt: '2026-12-02T09:00:00.000Z',
    });
    expect(latest('aws', 'a2')?.feedback).toBe('YES');
    expect(latest('aws', 'a3')).toBeNull();
  });

  it('lets the answer recorded second win when two share the same millisecond', () => {
    const latest = latestFeedback([
      record({ seq: 8, feedback: 'NO' }),
      record({ seq: 7, feedback: 'YES' }),
    ]);
    expect(latest('aws', 'a1')?.feedback).toBe('NO');
  });

  it('keeps an AWS anomaly and a portal anomaly of the same id apart', () => {
    const latest = latestFeedback([
      record({ source: 'aws', feedback: 'YES' }),
      record({ source: 'portal', feedback: 'PLANNED_ACTIVITY', seq: 2 }),
    ]);
    expect(latest('aws', 'a1')?.feedback).toBe('YES');
    expect(latest('portal', 'a1')?.feedback).toBe('PLANNED_ACTIVITY');
  });
});
