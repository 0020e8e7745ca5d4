/**
 * The targets the one report holds each measurement to. The seed's are quoted from
 * /work/shared/seed/aws-production-hardening-design.md ("Performance Tests" and
 * "Success Metrics"); the pipeline's come from issue 16. Each says where it is from,
 * so a reader can tell a seed target from one this project set itself.
 */
export type Comparison = '>=' | '<' | '<=' | '=';

export interface Target {
  comparison: Comparison;
  limit: number;
  unit: string;
  /** Where the target comes from, in words the table can show. */
  source: string;
}

const target = (
  comparison: Comparison,
  limit: number,
  unit: string,
  source: string,
): Target => ({ comparison, limit, unit, source });

export const TARGETS = {
  // Rate limiter: "Load test: 1000 msg/min sustained", i.e. 16.7 decisions a second.
  sustainedDecisionsPerSecond: target(
    '>=',
    1000 / 60,
    '/s',
    'seed: 1,000 msg/min',
  ),
  // "Burst test: 100 msg in 1 second".
  burstDecisionsPerSecond: target('>=', 100, '/s', 'seed: 100 msg in 1 s'),
  // "Latency: p50 < 100ms, p99 < 500ms".
  decisionP50Ms: target('<', 100, 'ms', 'seed'),
  decisionP99Ms: target('<', 500, 'ms', 'seed'),
  offeredPerMinute: target('>=', 1000, '/min', 'seed: 1,000 msg/min'),
  // Success metrics: "< 1% DLQ rate", "100% compliance with 10 msg/min limit".
  deadLetteredShare: target('<', 0.01, '%', 'seed'),
  limitViolations: target('=', 0, '', 'seed: 100% compliance'),
  // Issue 16 for the pipeline: delivered ≥ 99 % of offered, end to end p50 < 1 s and
  // p99 < 5 s for messages within the limit, nothing duplicated or lost.
  deliveredShare: target('>=', 0.99, '%', 'issue 16'),
  endToEndP50Ms: target('<', 1000, 'ms', 'issue 16'),
  endToEndP99Ms: target('<', 5000, 'ms', 'issue 16'),
  duplicateDeliveries: target('=', 0, '', 'issue 16'),
  lostMessages: target('=', 0, '', 'issue 16'),
  // Cost monitoring: "Write throughput: 1000 entries/second", "Query latency: < 100ms".
  // The seed names no percentile, so both p50 and p99 are held to it.
  ledgerEntriesPerSecond: target('>=', 1000, '/s', 'seed'),
  ledgerQueryMs: target('<', 100, 'ms', 'seed'),
} satisfies Record<string, Target>;
