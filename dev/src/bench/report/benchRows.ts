/**
 * Each bench's JSON report (as its script prints it) to the rows of the one report.
 * The reports are read loosely: a field that is missing or not a number gives a
 * "not measured" row, never a pass, and fields a bench adds later are ignored.
 */
import { BenchName, finite, formatValue, metricRow, ReportRow } from './row';
import { TARGETS } from './targets';

type Json = unknown;

/** The value at `path` in a parsed JSON document, or undefined. */
export function at(doc: Json, ...path: (string | number)[]): Json {
  let current: Json = doc;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[key];
  }
  return current;
}

const list = (value: Json): Json[] => (Array.isArray(value) ? value : []);

/** A row for what a bench reports as a check (true/false) rather than a count. */
function checkRow(
  bench: BenchName,
  metric: string,
  ok: unknown,
  texts: { target: string; passed: string; failed: string; note?: string },
): ReportRow {
  const known = typeof ok === 'boolean';
  return {
    bench,
    metric,
    target: texts.target,
    reference: '—',
    ours: !known ? 'not measured' : ok ? texts.passed : texts.failed,
    value: !known ? null : ok ? 1 : 0,
    verdict: !known ? 'NOT MEASURED' : ok ? 'PASS' : 'FAIL',
    ...(texts.note && { note: texts.note }),
  };
}

/** "peer 8,033/s · ceiling 17,791/s", leaving out what was not measured. */
function references(parts: [string, unknown][], unit: string): string {
  const measured = parts.flatMap(([label, raw]) => {
    const value = finite(raw);
    return value === undefined ? [] : [`${label} ${formatValue(value, unit)}`];
  });
  return measured.length > 0 ? measured.join(' · ') : '—';
}

// --- limiter (lambdas/rate-limiter/bench/limiter.ts) ---------------------------

/** Its subjects, told apart by the names the bench gives them. */
const LIMITER_SUBJECTS = {
  ours: (s: string) => s.startsWith('ours'),
  peer: (s: string) => s.includes('rate-limiter-flexible'),
  ceiling: (s: string) => s.includes('(ceiling)'),
  batchedCeiling: (s: string) => s.includes('batched'),
};

export function limiterRows(doc: Json): ReportRow[] {
  const results = list(at(doc, 'results'));
  const concurrencies = [
    ...new Set(
      results
        .map(r => finite(at(r, 'concurrency')))
        .filter(c => c !== undefined),
    ),
  ].sort((a, b) => a - b);
  const lowest = concurrencies[0];
  const highest = concurrencies[concurrencies.length - 1];
  const pick = (
    subject: keyof typeof LIMITER_SUBJECTS,
    concurrency: number | undefined,
    field: string,
  ) => {
    const result = results.find(
      r =>
        at(r, 'concurrency') === concurrency &&
        LIMITER_SUBJECTS[subject](String(at(r, 'subject') ?? '')),
    );
    return at(result, field);
  };
  // The batched ceiling (Redis running the calls our client sends) matters where
  // our client batches, i.e. with many decisions in flight.
  const referencesAt = (
    concurrency: number | undefined,
    field: string,
    unit: string,
  ) =>
    references(
      [
        ['peer', pick('peer', concurrency, field)],
        ['ceiling', pick('ceiling', concurrency, field)],
        ...(concurrency === highest && concurrency !== lowest
          ? [
              [
                'batched ceiling',
                pick('batchedCeiling', concurrency, field),
              ] as [string, unknown],
            ]
          : []),
      ],
      unit,
    );
  const rate = (concurrency: number | undefined) =>
    referencesAt(concurrency, 'decisionsPerSecond', '/s');
  const latency = (field: string) => referencesAt(highest, field, 'ms');
  const inFlight = (c: number | undefined) =>
    c === undefined ? '' : `, ${c} in flight`;
  return [
    metricRow(
      'limiter',
      `decisions/s${inFlight(lowest)}`,
      pick('ours', lowest, 'decisionsPerSecond'),
      {
        target: TARGETS.sustainedDecisionsPerSecond,
        reference: rate(lowest),
        note: 'one caller deciding one message at a time sustains this rate',
      },
    ),
    metricRow(
      'limiter',
      `decisions/s${inFlight(highest)}`,
      pick('ours', highest, 'decisionsPerSecond'),
      {
        target: TARGETS.burstDecisionsPerSecond,
        reference: rate(highest),
        note: 'a burst decided all at once',
      },
    ),
    metricRow(
      'limiter',
      `decision p50${inFlight(highest)}`,
      pick('ours', highest, 'p50Ms'),
      { target: TARGETS.decisionP50Ms, reference: latency('p50Ms') },
    ),
    metricRow(
      'limiter',
      `decision p99${inFlight(highest)}`,
      pick('ours', highest, 'p99Ms'),
      { target: TARGETS.decisionP99Ms, reference: latency('p99Ms') },
    ),
  ];
}

// --- pipeline (lambdas/rate-limiter/bench/pipeline.ts) -------------------------

const drainNote = (seconds: number | undefined) =>
  seconds === undefined
    ? undefined
    : `in the end: the last one arrived ${seconds} s after producing stopped`;

export function pipelineRows(doc: Json): ReportRow[] {
  const produced = finite(at(doc, 'produced'));
  const delivered = finite(at(doc, 'delivered'));
  const deadLettered = finite(at(doc, 'deadLettered'));
  const share = (part: number | undefined) =>
    part === undefined || !produced ? undefined : part / produced;
  const configuredRate = finite(at(doc, 'scenario', 'ratePerMinute'));
  const burst = finite(at(doc, 'scenario', 'burst'));
  const minutes = finite(at(doc, 'scenario', 'minutes'));
  // Measured where the bench reports it, else the rate the scenario was set to.
  const measuredRate = finite(at(doc, 'offeredPerMinute'));
  const belowSeedLoad =
    configuredRate !== undefined &&
    configuredRate < TARGETS.offeredPerMinute.limit
      ? `the scenario offers ${configuredRate}/min, below the seed's load`
      : undefined;

  // End to end "for within-limit messages": only when the bench reports deferred
  // messages apart; otherwise its figure includes deferrals and is not that metric.
  const deferralsApart = at(doc, 'deferredLatencyMs') !== undefined;
  const endToEnd = (field: 'p50' | 'p99') =>
    deferralsApart ? at(doc, 'endToEndLatencyMs', field) : undefined;
  const withDeferrals = references(
    [
      ['p50', at(doc, 'endToEndLatencyMs', 'p50')],
      ['p99', at(doc, 'endToEndLatencyMs', 'p99')],
    ],
    'ms',
  );
  const endToEndNote = deferralsApart
    ? 'messages never deferred'
    : `the bench reports end to end only with deferrals included: ${withDeferrals}`;

  const check = (name: string) => at(doc, 'checks', name);
  const noDuplicates = check('noDuplicateDelivery');
  const everyMessageAccounted = check('everyMessageDeliveredOrDeadLettered');
  const lost =
    everyMessageAccounted === true
      ? 0
      : everyMessageAccounted === false
      ? Math.max(
          list(at(doc, 'missing')).length,
          (produced ?? 0) - (delivered ?? 0) - (deadLettered ?? 0),
        )
      : undefined;
  const checks = Object.entries(
    (at(doc, 'checks') ?? {}) as Record<string, unknown>,
  );
  const failedChecks = checks.filter(([, ok]) => ok !== true).map(([n]) => n);

  return [
    metricRow(
      'pipeline',
      `offered load${burst ? `, + ${burst} msg in 1 s` : ''}${
        minutes ? `, ${minutes} min` : ''
      }`,
      measuredRate ?? configuredRate,
      {
        target: TARGETS.offeredPerMinute,
        notMeasuredBecause: belowSeedLoad,
        note:
          measuredRate === undefined
            ? 'the configured rate: this bench does not report the rate it achieved'
            : undefined,
      },
    ),
    metricRow(
      'pipeline',
      'throughput / offered rate',
      finite(at(doc, 'summary', 'deliveredShare')),
      {
        target: TARGETS.deliveredShare,
        note: 'delivered per minute while the load was offered; the drain after it is the row below',
      },
    ),
    metricRow('pipeline', 'delivered / produced', share(delivered), {
      target: TARGETS.deliveredShare,
      note: drainNote(finite(at(doc, 'summary', 'drainSeconds'))),
    }),
    metricRow('pipeline', 'dead-lettered / offered', share(deadLettered), {
      target: TARGETS.deadLetteredShare,
    }),
    metricRow('pipeline', 'end to end p50, within limit', endToEnd('p50'), {
      target: TARGETS.endToEndP50Ms,
      note: endToEndNote,
    }),
    metricRow('pipeline', 'end to end p99, within limit', endToEnd('p99'), {
      target: TARGETS.endToEndP99Ms,
      note: endToEndNote,
    }),
    metricRow('pipeline', 'decision p50', at(doc, 'decisionLatencyMs', 'p50'), {
      target: TARGETS.decisionP50Ms,
      reference: references(
        [['Redis only', at(doc, 'decisionLatencyMs', 'redisOnly', 'p50')]],
        'ms',
      ),
      note: 'every decision, the Redis outage included',
    }),
    metricRow('pipeline', 'decision p99', at(doc, 'decisionLatencyMs', 'p99'), {
      target: TARGETS.decisionP99Ms,
      reference: references(
        [['Redis only', at(doc, 'decisionLatencyMs', 'redisOnly', 'p99')]],
        'ms',
      ),
      note: 'every decision, the Redis outage included',
    }),
    metricRow('pipeline', 'limit violations', at(doc, 'violationCount'), {
      target: TARGETS.limitViolations,
    }),
    checkRow('pipeline', 'duplicate deliveries', noDuplicates, {
      target: `none (${TARGETS.duplicateDeliveries.source})`,
      passed: 'none',
      failed: 'at least one',
    }),
    metricRow('pipeline', 'lost messages', lost, {
      target: TARGETS.lostMessages,
    }),
    metricRow(
      'pipeline',
      'max queue depth',
      at(doc, 'queueDepth', 'max', 'total'),
      { note: 'visible + in flight + delayed' },
    ),
    checkRow(
      'pipeline',
      'pipeline checks (outage, recovery, DLQ reasons …)',
      checks.length === 0 ? undefined : failedChecks.length === 0,
      {
        target: 'all pass (issue 5)',
        passed: `${checks.length}/${checks.length}`,
        failed: `${checks.length - failedChecks.length}/${checks.length}`,
        note:
          failedChecks.length > 0
            ? `failed: ${failedChecks.join(', ')}`
            : undefined,
      },
    ),
  ];
}

// --- ledger (packages/cost-monitoring/bench/ledger.ts) --------------------------

export function ledgerRows(doc: Json): ReportRow[] {
  const stores = list(at(doc, 'results'));
  if (stores.length === 0) {
    return [
      metricRow('ledger', 'entries/s', undefined, {
        target: TARGETS.ledgerEntriesPerSecond,
      }),
      metricRow('ledger', 'query p99', undefined, {
        target: TARGETS.ledgerQueryMs,
      }),
    ];
  }
  return stores.flatMap(result => {
    const store = String(at(result, 'store') ?? 'unknown store');
    const median = (metric: string) => at(result, 'median', metric, 'median');
    const spread = (metric: string) => {
      const min = finite(at(result, 'median', metric, 'min'));
      const max = finite(at(result, 'median', metric, 'max'));
      // one run has no spread to show
      return min === undefined || max === undefined || min === max
        ? undefined
        : `median of the runs, which ranged ${min}–${max}`;
    };
    return [
      metricRow('ledger', `entries/s on ${store}`, median('entriesPerSecond'), {
        target: TARGETS.ledgerEntriesPerSecond,
        note: spread('entriesPerSecond'),
      }),
      metricRow('ledger', `query p50 on ${store}`, median('queryP50Ms'), {
        target: TARGETS.ledgerQueryMs,
        note: spread('queryP50Ms'),
      }),
      metricRow('ledger', `query p99 on ${store}`, median('queryP99Ms'), {
        target: TARGETS.ledgerQueryMs,
        note: spread('queryP99Ms'),
      }),
    ];
  });
}

// --- posture (plugins/prod-hardening-backend/bench/posture.ts) -----------------
// The seed sets no performance target for posture: its rows are for information.

export function postureRows(doc: Json): ReportRow[] {
  const sizes = list(at(doc, 'aggregation'));
  const largest = sizes.reduce<Json>(
    (max, s) =>
      (finite(at(s, 'findings')) ?? 0) > (finite(at(max, 'findings')) ?? -1)
        ? s
        : max,
    undefined,
  );
  const findings = finite(at(largest, 'findings'));
  const label =
    findings === undefined
      ? ''
      : `, ${findings.toLocaleString('en-US')} findings`;
  return [
    metricRow(
      'posture',
      `aggregation median${label}`,
      at(largest, 'medianMs'),
      {
        unit: 'ms',
      },
    ),
    metricRow('posture', `peak RSS${label}`, at(largest, 'peakRssMb'), {
      unit: 'MB',
    }),
    metricRow(
      'posture',
      'GET /posture p50, warm cache',
      at(doc, 'postureApiFromCache', 'p50Ms'),
      { unit: 'ms' },
    ),
    metricRow(
      'posture',
      'GET /posture p99, warm cache',
      at(doc, 'postureApiFromCache', 'p99Ms'),
      { unit: 'ms' },
    ),
  ];
}

export const ROWS_OF: Record<BenchName, (doc: Json) => ReportRow[]> = {
  limiter: limiterRows,
  pipeline: pipelineRows,
  ledger: ledgerRows,
  posture: postureRows,
};
