import {
  describeAnomalyFeedback,
  type AnomalyFeedback,
  type AiLedgerRow,
  AiUnitCostRow,
  AmountChange,
  CostAlert,
  ForecastParameters,
  MethodForecast,
  MicroUsd,
  ServiceDailyCost,
  type WeekOverWeekTable,
  type WeeklyReviewReport,
} from '@prod-hardening/plugin-prod-hardening-common';
import { computeAiUnitEconomics } from './aiUnitEconomics';
import { detectCostAnomalies, type AnomalyOptions } from './anomalies';
import { portalAnomalyId } from './anomalyFeedback';
import { csvNumber, toCsv, type CsvCell } from './csv';
import { monthOf } from './dates';
import {
  formatSignedPercent,
  formatUnitUsd,
  formatUsd,
  roundedDecimal,
  usdDecimal,
} from './format';
import { forecastMonth } from './forecast';
import { markdownTable } from './markdown';
import { compareWeeks, weekPeriods } from './weekOverWeek';

export interface WeeklyReviewInput {
  /** The clock: the review covers the 7 complete UTC days before it and the 7 before those. */
  now: Date;
  /** The monthly budget. */
  budgetMicros: MicroUsd;
  /**
   * Cost Explorer daily cost by service. For every part of the report to be meaningful:
   * the month so far, and at least 28 days before the current week (anomaly baseline).
   */
  serviceCosts: readonly ServiceDailyCost[];
  /** AI-cost ledger rows of (at least) the two weeks. */
  ledger: readonly AiLedgerRow[];
  /** Alerts still open; listed as given, critical first then newest first. */
  openAlerts: readonly CostAlert[];
  /** Movers listed per table. Default 5. */
  topN?: number;
  forecastParameters?: Partial<ForecastParameters>;
  /** `evaluateDays` is always 7: the review reports anomalies of its own week. */
  anomalyOptions?: Partial<AnomalyOptions>;
}

const severityRank = { critical: 0, warning: 1 } as const;

/**
 * Assembles the weekly FinOps review: the two weeks' totals, top movers by service, agent
 * and provider, budget burn and forecast for the month the week ends in, the week's
 * anomalies, AI unit economics and the open alerts.
 */
export function buildWeeklyReview(
  input: WeeklyReviewInput,
): WeeklyReviewReport {
  const { now, topN } = input;
  const periods = weekPeriods(now);
  const services = compareWeeks({
    now,
    dimension: 'service',
    rows: input.serviceCosts,
    keyOf: r => r.service,
    topN,
  });
  const agents = compareWeeks({
    now,
    dimension: 'agent',
    rows: input.ledger,
    keyOf: r => r.agent,
    topN,
  });
  const providers = compareWeeks({
    now,
    dimension: 'provider',
    rows: input.ledger,
    keyOf: r => r.provider,
    topN,
  });
  const forecast = forecastMonth({
    now,
    month: monthOf(periods.current.to),
    budgetMicros: input.budgetMicros,
    daily: input.serviceCosts,
    parameters: input.forecastParameters,
  });
  const pickChange = (t: WeekOverWeekTable): AmountChange => ({
    currentMicros: t.currentMicros,
    previousMicros: t.previousMicros,
    changeMicros: t.changeMicros,
    changePercent: t.changePercent,
  });
  return {
    generatedAt: now.toISOString(),
    periods,
    totals: { aws: pickChange(services), ai: pickChange(providers) },
    movers: { services, agents, providers },
    budget: {
      month: forecast.month,
      burn: forecast.burn,
      runRate: forecast.runRate,
      holt: forecast.holt,
      parameters: forecast.parameters,
    },
    // Answers are attached by withAnomalyFeedback: they live in the database.
    anomalies: detectCostAnomalies({
      now,
      rows: input.serviceCosts,
      options: { ...input.anomalyOptions, evaluateDays: 7 },
    }).map(a => ({ ...a, id: portalAnomalyId(a), feedback: null })),
    aiUnitEconomics: computeAiUnitEconomics({ now, rows: input.ledger }),
    openAlerts: [...input.openAlerts].sort(
      (a, b) =>
        severityRank[a.severity] - severityRank[b.severity] ||
        (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0),
    ),
  };
}

/** The review with each anomaly's latest triage answer (null where none). */
export function withAnomalyFeedback(
  report: WeeklyReviewReport,
  feedbackOf: (anomalyId: string) => AnomalyFeedback | null,
): WeeklyReviewReport {
  return {
    ...report,
    anomalies: report.anomalies.map(a => ({
      ...a,
      feedback: feedbackOf(a.id),
    })),
  };
}

// ---------------------------------------------------------------------------------------
// CSV

const money = (micros: number | null | undefined) =>
  micros === null || micros === undefined
    ? null
    : csvNumber(usdDecimal(micros));
const unitMoney = (micros: number | null) =>
  micros === null ? null : csvNumber(usdDecimal(micros, 9));
const decimal = (value: number | null | undefined, decimals = 2) =>
  value === null || value === undefined
    ? null
    : csvNumber(roundedDecimal(value, decimals));

/**
 * The report as CSV for a spreadsheet, raw numbers only. The file is a sequence of
 * sections, one per table, in this order: period, totals, budget, movers, anomalies,
 * ai_unit_economics, open_alerts. Each section is a row `section,<name>`, then one header
 * row, then its data rows (possibly none), then an empty line. Amounts are US dollars with
 * up to six decimals (unit costs up to nine) in columns ending `_usd`; percentages are
 * plain numbers with two decimals in columns ending `_pct`; a value that does not exist
 * (a percent change from $0) is an empty field. CRLF line ends, RFC 4180 quoting, and text
 * that a spreadsheet could run as a formula is prefixed with a single quote.
 */
export function renderWeeklyReviewCsv(report: WeeklyReviewReport): string {
  const records: CsvCell[][] = [];
  const section = (name: string, header: string[], rows: CsvCell[][]) => {
    records.push(['section', name], header, ...rows, []);
  };
  const change = (c: AmountChange): CsvCell[] => [
    money(c.currentMicros),
    money(c.previousMicros),
    money(c.changeMicros),
    decimal(c.changePercent),
  ];

  section(
    'period',
    ['period', 'from', 'to', 'days'],
    [
      [
        'current',
        report.periods.current.from,
        report.periods.current.to,
        report.periods.current.days,
      ],
      [
        'previous',
        report.periods.previous.from,
        report.periods.previous.to,
        report.periods.previous.days,
      ],
    ],
  );

  section(
    'totals',
    ['scope', 'current_usd', 'previous_usd', 'change_usd', 'change_pct'],
    [
      ['aws', ...change(report.totals.aws)],
      ['ai', ...change(report.totals.ai)],
    ],
  );

  const { burn, runRate, holt } = report.budget;
  section(
    'budget',
    ['metric', 'value'],
    [
      ['month', report.budget.month],
      ['budget_usd', money(burn.budgetMicros)],
      ['days_in_month', burn.daysInMonth],
      ['elapsed_days', burn.elapsedDays],
      ['month_to_date_usd', money(burn.monthToDateMicros)],
      ['pro_rated_budget_usd', money(burn.proRatedBudgetMicros)],
      ['month_to_date_vs_pro_rated_pct', decimal(burn.percentOfProRated)],
      ['allowed_daily_usd', money(Math.round(burn.allowedDailyMicros))],
      ['burn_rate_daily_usd', money(Math.round(burn.burnRateDailyMicros))],
      ['burn_ratio', decimal(burn.burnRatio, 4)],
      ['forecast_run_rate_usd', money(runRate.monthEndMicros)],
      ['forecast_run_rate_pct_of_budget', decimal(runRate.percentOfBudget)],
      ['exhaustion_run_rate_day', runRate.exhaustion?.day ?? null],
      ['forecast_holt_usd', money(holt.monthEndMicros)],
      ['forecast_holt_low_usd', money(holt.monthEndLowMicros)],
      ['forecast_holt_high_usd', money(holt.monthEndHighMicros)],
      ['forecast_holt_pct_of_budget', decimal(holt.percentOfBudget)],
      ['exhaustion_holt_day', holt.exhaustion?.day ?? null],
    ],
  );

  const moverRows = (table: WeekOverWeekTable): CsvCell[][] => [
    ...table.movers.map(m => [table.dimension, m.key, m.status, ...change(m)]),
    ...(table.others.count > 0
      ? [
          [
            table.dimension,
            `(${table.others.count} others)`,
            'others',
            ...change(table.others),
          ],
        ]
      : []),
  ];
  section(
    'movers',
    [
      'dimension',
      'key',
      'status',
      'current_usd',
      'previous_usd',
      'change_usd',
      'change_pct',
    ],
    [
      ...moverRows(report.movers.services),
      ...moverRows(report.movers.agents),
      ...moverRows(report.movers.providers),
    ],
  );

  section(
    'anomalies',
    [
      'day',
      'dimension',
      'series',
      'direction',
      'expected_usd',
      'actual_usd',
      'impact_usd',
      'score',
      'score_method',
      'triage',
      'triaged_by',
      'triaged_at',
      'triage_comment',
    ],
    report.anomalies.map(a => [
      a.day,
      a.dimension,
      a.series,
      a.direction,
      money(a.expectedMicros),
      money(a.actualMicros),
      money(a.impactMicros),
      decimal(a.score),
      a.scoreMethod,
      a.feedback?.feedback ?? null,
      a.feedback?.answeredBy ?? null,
      a.feedback?.answeredAt ?? null,
      a.feedback?.comment ?? null,
    ]),
  );

  const ai = report.aiUnitEconomics;
  section(
    'ai_unit_economics',
    [
      'dimension',
      'key',
      'current_cost_usd',
      'previous_cost_usd',
      'cost_change_pct',
      'current_input_tokens',
      'current_output_tokens',
      'current_requests',
      'previous_input_tokens',
      'previous_output_tokens',
      'previous_requests',
      'current_usd_per_1k_tokens',
      'previous_usd_per_1k_tokens',
      'usd_per_1k_tokens_change_pct',
      'current_usd_per_request',
      'previous_usd_per_request',
      'usd_per_request_change_pct',
    ],
    [ai.total, ...ai.byProvider, ...ai.byAgent, ...ai.byModel].map(
      (r: AiUnitCostRow) => [
        r.dimension,
        r.key,
        money(r.current.costMicros),
        money(r.previous.costMicros),
        decimal(r.costChangePercent),
        r.current.inputTokens,
        r.current.outputTokens,
        r.current.requests,
        r.previous.inputTokens,
        r.previous.outputTokens,
        r.previous.requests,
        unitMoney(r.current.costPer1kTokensMicros),
        unitMoney(r.previous.costPer1kTokensMicros),
        decimal(r.costPer1kTokensChangePercent),
        unitMoney(r.current.costPerRequestMicros),
        unitMoney(r.previous.costPerRequestMicros),
        decimal(r.costPerRequestChangePercent),
      ],
    ),
  );

  section(
    'open_alerts',
    [
      'created_at',
      'severity',
      'type',
      'amount_usd',
      'threshold_usd',
      'notified',
      'message',
      'id',
    ],
    report.openAlerts.map(a => [
      a.createdAt,
      a.severity,
      a.alertType,
      money(a.amountMicros),
      money(a.thresholdMicros),
      a.notified,
      a.message,
      a.id,
    ]),
  );

  return toCsv(records);
}

// ---------------------------------------------------------------------------------------
// Markdown

const STATUS_LABELS = {
  new: 'new',
  disappeared: 'gone',
  up: 'up',
  down: 'down',
  flat: 'flat',
} as const;
const DIMENSION_TITLES = {
  service: 'Service',
  agent: 'Agent',
  provider: 'Provider',
} as const;

function exhaustionSentence(forecast: MethodForecast): string {
  if (!forecast.exhaustion) {
    return 'stays within the budget';
  }
  return forecast.exhaustion.basis === 'actual'
    ? `budget already reached on ${forecast.exhaustion.day}`
    : `budget reached on ${forecast.exhaustion.day}`;
}

function moversTable(table: WeekOverWeekTable): string {
  const title =
    DIMENSION_TITLES[table.dimension as keyof typeof DIMENSION_TITLES] ??
    'Name';
  if (table.movers.length === 0) {
    return '_No costs in either week._';
  }
  const row = (name: string, status: string, c: AmountChange) => [
    name,
    formatUsd(c.currentMicros),
    formatUsd(c.previousMicros),
    formatUsd(c.changeMicros, { signed: true }),
    c.changePercent === null && c.currentMicros !== 0
      ? 'new'
      : formatSignedPercent(c.changePercent),
    status,
  ];
  return markdownTable(
    [
      { title },
      { title: 'This week', align: 'right' },
      { title: 'Previous week', align: 'right' },
      { title: 'Change', align: 'right' },
      { title: 'Change %', align: 'right' },
      { title: 'Status' },
    ],
    [
      ...table.movers.map(m => row(m.key, STATUS_LABELS[m.status], m)),
      ...(table.others.count > 0
        ? [row(`Others (${table.others.count})`, '', table.others)]
        : []),
      row('Total', '', table),
    ],
  );
}

/**
 * The report as Markdown for the meeting notes: a title with the week, then Totals,
 * Budget, Top movers (services, agents, providers), Anomalies, AI unit economics and Open
 * alerts, each a heading with a table (or a sentence when empty). Changes are signed:
 * +$42.00, -$7.00, +34.7%; a change from $0 reads "new".
 */
export function renderWeeklyReviewMarkdown(report: WeeklyReviewReport): string {
  const { current, previous } = report.periods;
  const { burn, runRate, holt, parameters } = report.budget;
  const out: string[] = [];
  out.push(`# FinOps weekly review: ${current.from} to ${current.to}`);
  out.push(
    `Compared with ${previous.from} to ${previous.to}. Complete UTC days only; generated ${report.generatedAt}.`,
  );

  out.push('## Totals');
  const total = (name: string, c: AmountChange) => [
    name,
    formatUsd(c.currentMicros),
    formatUsd(c.previousMicros),
    formatUsd(c.changeMicros, { signed: true }),
    formatSignedPercent(c.changePercent),
  ];
  out.push(
    markdownTable(
      [
        { title: 'Scope' },
        { title: 'This week', align: 'right' },
        { title: 'Previous week', align: 'right' },
        { title: 'Change', align: 'right' },
        { title: 'Change %', align: 'right' },
      ],
      [
        total('AWS (all services)', report.totals.aws),
        total('AI providers (ledger)', report.totals.ai),
      ],
    ),
  );

  out.push(`## Budget: ${report.budget.month}`);
  const proRated =
    burn.percentOfProRated === null
      ? 'no complete day yet'
      : `${burn.percentOfProRated.toFixed(1)}% of the pro-rated ${formatUsd(
          burn.proRatedBudgetMicros,
        )} (${formatUsd(burn.overProRatedMicros, { signed: true })})`;
  out.push(
    [
      `- **Budget:** ${formatUsd(burn.budgetMicros)} for ${
        burn.daysInMonth
      } days, ${formatUsd(burn.allowedDailyMicros)} a day allowed.`,
      `- **Month to date:** ${formatUsd(burn.monthToDateMicros)} after ${
        burn.elapsedDays
      } days, ${proRated}.`,
      `- **Burn rate:** ${formatUsd(
        burn.burnRateDailyMicros,
      )} a day over the last ${
        parameters.runRateDays
      } days, ${burn.burnRatio.toFixed(2)}× the allowed rate.`,
      `- **Forecast (run rate):** ${formatUsd(
        runRate.monthEndMicros,
      )}, ${runRate.percentOfBudget.toFixed(
        1,
      )}% of the budget; ${exhaustionSentence(runRate)}.`,
      `- **Forecast (Holt, α ${parameters.alpha}, β ${
        parameters.beta
      }):** ${formatUsd(holt.monthEndMicros)}` +
        ` (band ${formatUsd(
          holt.monthEndLowMicros ?? holt.monthEndMicros,
        )} to ${formatUsd(holt.monthEndHighMicros ?? holt.monthEndMicros)}),` +
        ` ${holt.percentOfBudget.toFixed(
          1,
        )}% of the budget; ${exhaustionSentence(holt)}.`,
    ].join('\n'),
  );

  out.push('## Top movers');
  out.push('### Services', moversTable(report.movers.services));
  out.push('### AI agents', moversTable(report.movers.agents));
  out.push('### AI providers', moversTable(report.movers.providers));

  out.push('## Anomalies');
  out.push(
    report.anomalies.length === 0
      ? '_No anomalies this week._'
      : markdownTable(
          [
            { title: 'Day' },
            { title: 'Series' },
            { title: 'Expected', align: 'right' },
            { title: 'Actual', align: 'right' },
            { title: 'Impact', align: 'right' },
            { title: 'Score', align: 'right' },
            { title: 'Triage' },
          ],
          report.anomalies.map(a => [
            a.day,
            a.dimension === 'total' ? a.series : `${a.series} (${a.dimension})`,
            formatUsd(a.expectedMicros),
            formatUsd(a.actualMicros),
            formatUsd(a.impactMicros, { signed: true }),
            a.score === null ? 'flat baseline' : a.score.toFixed(1),
            a.feedback ? describeAnomalyFeedback(a.feedback) : 'not answered',
          ]),
        ),
  );

  out.push('## AI unit economics');
  const ai = report.aiUnitEconomics;
  const aiRows = [ai.total, ...ai.byProvider, ...ai.byAgent, ...ai.byModel];
  out.push(
    ai.byProvider.length === 0
      ? '_No AI usage in either week._'
      : markdownTable(
          [
            { title: 'Scope' },
            { title: 'Cost', align: 'right' },
            { title: 'Cost change', align: 'right' },
            { title: 'Per 1k tokens', align: 'right' },
            { title: 'Change', align: 'right' },
            { title: 'Per request', align: 'right' },
            { title: 'Change', align: 'right' },
          ],
          aiRows.map(r => [
            r.dimension === 'total' ? r.key : `${r.dimension}: ${r.key}`,
            formatUsd(r.current.costMicros),
            formatSignedPercent(r.costChangePercent),
            formatUnitUsd(r.current.costPer1kTokensMicros),
            formatSignedPercent(r.costPer1kTokensChangePercent),
            formatUnitUsd(r.current.costPerRequestMicros),
            formatSignedPercent(r.costPerRequestChangePercent),
          ]),
        ),
  );

  out.push('## Open alerts');
  out.push(
    report.openAlerts.length === 0
      ? '_No open alerts._'
      : markdownTable(
          [
            { title: 'Created' },
            { title: 'Severity' },
            { title: 'Type' },
            { title: 'Amount', align: 'right' },
            { title: 'Threshold', align: 'right' },
            { title: 'Notified' },
            { title: 'Message' },
          ],
          report.openAlerts.map(a => [
            a.createdAt,
            a.severity,
            a.alertType,
            formatUsd(a.amountMicros),
            formatUsd(a.thresholdMicros),
            a.notified ? 'yes' : 'no',
            a.message,
          ]),
        ),
  );

  return `${out.join('\n\n')}\n`;
}
