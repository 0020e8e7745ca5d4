import type {
  BudgetStatus,
  CheckResult,
  LatencySummary,
  SavingsTarget,
  SuccessMetric,
  SuccessMetricsReport,
  ThrottlingCounters,
} from '@prod-hardening/plugin-prod-hardening-common';
import { RUNBOOK_IDS } from '@prod-hardening/plugin-prod-hardening-common';

/** A source read for the metrics, or why it could not be. */
export type Read<T> =
  | { state: 'ok'; value: T }
  | { state: 'unavailable'; reason: string };

export interface SuccessMetricsInput {
  generatedAt: string;
  posture: Read<{ checks: readonly CheckResult[] }>;
  /** Active HIGH and CRITICAL findings (Security Hub, incl. GuardDuty). */
  findings: Read<{ high: number; critical: number }>;
  finops: Read<{
    budget: BudgetStatus | null;
    /** The month-end forecast the FinOps tab leads with; null without data. */
    forecastMonthEndMicros: number | null;
    monthlyBudgetMicros: number;
  }>;
  savings: Read<readonly SavingsTarget[]>;
  throttling: Read<{
    totals: ThrottlingCounters;
    latency: LatencySummary;
    windowMinutes: number;
  }>;
  /** The clusters the seed puts Container Insights on (config resources.ecsClusters). */
  ecsClusters: readonly string[];
}

/**
 * Checks whose resources count towards "100% encryption". S3 is not among them: it
 * encrypts every new object (SSE-S3) by default since January 2023 and cannot be off.
 */
export const ENCRYPTION_CHECK_IDS = [
  'elasticache-encryption',
  'rds-force-ssl',
  'sqs-encryption',
  'sns-encryption',
] as const;

const DLQ_RATE_TARGET_PERCENT = 1;
const P99_TARGET_MS = 500;

const usd = (micros: number) =>
  `$${(micros / 1_000_000).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
const pct = (fraction: number) =>
  `${(Math.round(fraction * 1000) / 10).toString()}%`;

type Base = Omit<SuccessMetric, 'value' | 'status' | 'detail'>;

function unknown(base: Base, detail: string): SuccessMetric {
  return { ...base, value: null, status: 'unknown', detail };
}

function measured(
  base: Base,
  met: boolean,
  value: string,
  detail: string,
): SuccessMetric {
  return { ...base, value, status: met ? 'met' : 'not-met', detail };
}

function checkOf(input: SuccessMetricsInput, id: string): CheckResult | string {
  if (input.posture.state !== 'ok') {
    return `Posture checks unavailable: ${input.posture.reason}`;
  }
  const check = input.posture.value.checks.find(c => c.id === id);
  if (!check) return `The check ${id} did not run.`;
  if (check.status === 'ERROR') {
    return `The check could not evaluate: ${check.summary}`;
  }
  return check;
}

function encryptionCoverage(input: SuccessMetricsInput): SuccessMetric {
  const base: Base = {
    id: 'encryption-coverage',
    pillar: 'security',
    label: 'Encryption coverage',
    target: '100%',
    tab: 'posture',
    runbookId: RUNBOOK_IDS.elastiCacheMigration,
  };
  if (input.posture.state !== 'ok') {
    return unknown(base, `Posture checks unavailable: ${input.posture.reason}`);
  }
  const checks = input.posture.value.checks.filter(
    c =>
      (ENCRYPTION_CHECK_IDS as readonly string[]).includes(c.id) &&
      c.status !== 'ERROR',
  );
  const resources = checks.flatMap(c =>
    c.resources.filter(r => r.status !== 'ERROR'),
  );
  if (!resources.length) {
    return unknown(base, 'No encryption check could evaluate a resource.');
  }
  const passed = resources.filter(r => r.status === 'PASS').length;
  const failing = [
    ...new Set(
      checks
        .filter(c =>
          c.resources.some(r => r.status === 'FAIL' || r.status === 'WARN'),
        )
        .map(c => c.title),
    ),
  ];
  const failingNote = failing.length ? ` Failing: ${failing.join('; ')}.` : '';
  return measured(
    base,
    passed === resources.length,
    pct(passed / resources.length),
    `${passed} of ${resources.length} resources encrypted (ElastiCache at rest, in transit and AUTH; RDS TLS; SQS; SNS). S3 encrypts every object by default.${failingNote}`,
  );
}

function publicBuckets(input: SuccessMetricsInput): SuccessMetric {
  const base: Base = {
    id: 'public-s3-buckets',
    pillar: 'security',
    label: 'Public S3 buckets',
    target: '0',
    tab: 'posture',
    checkId: 's3-account-public-access-block',
    runbookId: RUNBOOK_IDS.securityIncident,
  };
  const check = checkOf(input, 's3-account-public-access-block');
  if (typeof check === 'string') return unknown(base, check);
  return check.status === 'PASS'
    ? measured(
        base,
        true,
        '0',
        'Account-wide Block Public Access is fully on: no bucket can be made public.',
      )
    : measured(
        base,
        false,
        'not prevented',
        `${check.summary} Any bucket policy or ACL can expose data until it is on.`,
      );
}

function highCriticalFindings(input: SuccessMetricsInput): SuccessMetric {
  const base: Base = {
    id: 'high-critical-findings',
    pillar: 'security',
    label: 'High and critical findings',
    target: '0',
    tab: 'posture',
    runbookId: RUNBOOK_IDS.securityIncident,
  };
  if (input.findings.state !== 'ok') {
    return unknown(base, `Findings unavailable: ${input.findings.reason}`);
  }
  const { high, critical } = input.findings.value;
  return measured(
    base,
    high + critical === 0,
    String(high + critical),
    `${critical} critical and ${high} high active Security Hub findings (GuardDuty included).`,
  );
}

function cloudTrailCoverage(input: SuccessMetricsInput): SuccessMetric {
  const base: Base = {
    id: 'cloudtrail-coverage',
    pillar: 'security',
    label: 'API calls logged by CloudTrail',
    target: '100%',
    tab: 'posture',
    checkId: 'cloudtrail-multi-region',
    runbookId: RUNBOOK_IDS.securityIncident,
  };
  const check = checkOf(input, 'cloudtrail-multi-region');
  if (typeof check === 'string') return unknown(base, check);
  return check.status === 'PASS'
    ? measured(base, true, '100%', check.summary)
    : measured(base, false, 'partial', check.summary);
}

function containerInsights(input: SuccessMetricsInput): SuccessMetric {
  const expected = input.ecsClusters.length;
  const base: Base = {
    id: 'container-insights',
    pillar: 'observability',
    label: 'Container Insights on the ECS clusters',
    target: `${expected} of ${expected}`,
    tab: 'posture',
    checkId: 'ecs-container-insights',
  };
  const check = checkOf(input, 'ecs-container-insights');
  if (typeof check === 'string') return unknown(base, check);
  const on = input.ecsClusters.filter(name =>
    check.resources.some(
      r =>
        r.status === 'PASS' &&
        (r.resourceId === name || r.resourceId.endsWith(`/${name}`)),
    ),
  );
  const off = input.ecsClusters.filter(name => !on.includes(name));
  return measured(
    base,
    on.length === expected,
    `${on.length} of ${expected}`,
    off.length ? `Off or missing: ${off.join(', ')}.` : 'On for every cluster.',
  );
}

function monthlyCost(input: SuccessMetricsInput): SuccessMetric[] {
  const cost: Base = {
    id: 'monthly-cost',
    pillar: 'finops',
    label: 'Monthly cost (month-end forecast)',
    target: '< $500',
    tab: 'finops',
    runbookId: RUNBOOK_IDS.costAlerts,
  };
  const overrun: Base = {
    id: 'budget-overruns',
    pillar: 'finops',
    label: 'Budget overruns this month',
    target: '0',
    tab: 'finops',
    runbookId: RUNBOOK_IDS.costAlerts,
  };
  if (input.finops.state !== 'ok') {
    const why = `FinOps unavailable: ${input.finops.reason}`;
    return [unknown(cost, why), unknown(overrun, why)];
  }
  const { budget, forecastMonthEndMicros, monthlyBudgetMicros } =
    input.finops.value;
  const limit = budget?.limitMicros ?? monthlyBudgetMicros;
  cost.target = `< ${usd(limit)}`;
  const costMetric =
    forecastMonthEndMicros === null
      ? unknown(cost, 'No Cost Explorer data yet: no forecast.')
      : measured(
          cost,
          forecastMonthEndMicros < limit,
          usd(forecastMonthEndMicros),
          `Forecast for the month end against the ${usd(limit)} budget.`,
        );
  const overrunMetric = !budget
    ? unknown(overrun, 'AWS Budgets could not be read.')
    : measured(
        overrun,
        budget.actualMicros <= budget.limitMicros,
        budget.actualMicros > budget.limitMicros ? '1' : '0',
        `Month-to-date ${usd(budget.actualMicros)} of ${usd(
          budget.limitMicros,
        )} (AWS Budgets).`,
      );
  return [costMetric, overrunMetric];
}

function savingsGoals(input: SuccessMetricsInput): SuccessMetric[] {
  const ids = [
    ['vpc-endpoints-nat', 'Cost cut by VPC endpoints (NAT Gateway)'],
    ['dynamodb-ttl-storage', 'Storage cost cut by TTL (DynamoDB)'],
  ] as const;
  return ids.map(([id, label]) => {
    const base: Base = {
      id: `savings-${id}`,
      pillar: 'finops',
      label,
      target: id === 'vpc-endpoints-nat' ? '≥ 20%' : '≥ 30%',
      tab: 'finops',
    };
    if (input.savings.state !== 'ok') {
      return unknown(base, `Savings unavailable: ${input.savings.reason}`);
    }
    const t = input.savings.value.find(s => s.id === id);
    if (!t) return unknown(base, 'Not measured.');
    base.target = `≥ ${t.goalPercent}%`;
    if (t.status === 'met' || t.status === 'behind') {
      return measured(
        base,
        t.status === 'met',
        `${t.reductionPercent}%`,
        t.explanation,
      );
    }
    return unknown(base, t.explanation);
  });
}

function rateLimiting(input: SuccessMetricsInput): SuccessMetric[] {
  const compliance: Base = {
    id: 'limiter-compliance',
    pillar: 'rate-limiting',
    label: 'Compliance with 10 messages a minute per creator',
    target: '100%',
    tab: 'throttling',
    runbookId: RUNBOOK_IDS.rateLimiter,
  };
  const dlq: Base = {
    id: 'dlq-rate',
    pillar: 'rate-limiting',
    label: 'Messages dead-lettered',
    target: `< ${DLQ_RATE_TARGET_PERCENT}%`,
    tab: 'throttling',
    runbookId: RUNBOOK_IDS.rateLimiter,
  };
  const latency: Base = {
    id: 'decision-latency-p99',
    pillar: 'rate-limiting',
    label: 'Limiter decision latency p99',
    target: `< ${P99_TARGET_MS} ms`,
    tab: 'throttling',
    runbookId: RUNBOOK_IDS.rateLimiter,
  };
  if (input.throttling.state !== 'ok') {
    const why = `Rate-limiter metrics unavailable: ${input.throttling.reason}`;
    return [unknown(compliance, why), unknown(dlq, why), unknown(latency, why)];
  }
  const { totals, windowMinutes } = input.throttling.value;
  const window = `the last ${windowMinutes} minutes`;
  // The messaging API answers 429 only to a creator over its real limit, so every 429
  // is a send the limiter should have held back.
  const attempts = totals.sent + totals.apiThrottled;
  const complianceMetric = attempts
    ? measured(
        compliance,
        totals.apiThrottled === 0,
        pct(totals.sent / attempts),
        `${totals.apiThrottled} of ${attempts} deliveries in ${window} were refused by the messaging API for exceeding the limit.`,
      )
    : unknown(compliance, `No deliveries in ${window}.`);
  const finished = totals.sent + totals.deadLettered;
  const dlqMetric = finished
    ? measured(
        dlq,
        (totals.deadLettered / finished) * 100 < DLQ_RATE_TARGET_PERCENT,
        pct(totals.deadLettered / finished),
        `${totals.deadLettered} dead-lettered of ${finished} messages finished in ${window}.`,
      )
    : unknown(dlq, `No messages finished in ${window}.`);
  const { p99Ms, p99OverMs, decisions } = input.throttling.value.latency;
  const latencyMetric =
    decisions === 0
      ? unknown(latency, `No decisions in ${window}.`)
      : p99Ms === null
      ? measured(
          latency,
          (p99OverMs ?? Infinity) < P99_TARGET_MS,
          `> ${p99OverMs} ms`,
          `Above the histogram's last bucket over ${decisions} decisions in ${window}.`,
        )
      : measured(
          latency,
          p99Ms <= P99_TARGET_MS,
          `≤ ${p99Ms} ms`,
          `Upper bound of the histogram bucket holding the 99th percentile of ${decisions} decisions in ${window}.`,
        );
  return [complianceMetric, dlqMetric, latencyMetric];
}

/** The seed's success metrics, in the seed's order, each with its target and status. */
export function computeSuccessMetrics(
  input: SuccessMetricsInput,
): SuccessMetricsReport {
  const metrics = [
    encryptionCoverage(input),
    highCriticalFindings(input),
    publicBuckets(input),
    cloudTrailCoverage(input),
    containerInsights(input),
    ...monthlyCost(input),
    ...savingsGoals(input),
    ...rateLimiting(input),
  ];
  return {
    generatedAt: input.generatedAt,
    metrics,
    met: metrics.filter(m => m.status === 'met').length,
    notMet: metrics.filter(m => m.status === 'not-met').length,
    unknown: metrics.filter(m => m.status === 'unknown').length,
  };
}
