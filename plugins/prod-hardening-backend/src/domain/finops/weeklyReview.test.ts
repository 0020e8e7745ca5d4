import type {
  AiLedgerRow,
  AnomalyFeedback,
  CostAlert,
  ServiceDailyCost,
} from '@prod-hardening/plugin-prod-hardening-common';
import { eachDay } from './dates';
import { usd } from './testData';
import {
  buildWeeklyReview,
  renderWeeklyReviewCsv,
  renderWeeklyReviewMarkdown,
  withAnomalyFeedback,
} from './weeklyReview';

const LAMBDA_ANSWER: AnomalyFeedback = {
  source: 'portal',
  anomalyId: '2025-03-12/service/AWS Lambda',
  feedback: 'PLANNED_ACTIVITY',
  comment: 'load test | ramp-up',
  answeredBy: 'user:default/fiona',
  answeredAt: '2025-03-13T09:30:00.000Z',
};

const NOW = new Date('2025-03-17T09:00:00Z'); // weeks 03-03..03-09 (previous) and 03-10..03-16

// EC2 $15 every day; Lambda $5 every day but $65 on 03-12; S3 $2 a day until 03-09, then $1.
// Previous week: 7 × 22 = $154. Current week: 7 × 21 + 60 = $207. March to date: 9 × 22 + 207 = $405.
const SERVICE_COSTS: ServiceDailyCost[] = eachDay(
  '2025-01-01',
  '2025-03-16',
).flatMap(day => [
  { day, service: 'Amazon EC2', amountMicros: usd(15) },
  {
    day,
    service: 'AWS Lambda',
    amountMicros: usd(day === '2025-03-12' ? 65 : 5),
  },
  { day, service: 'Amazon S3', amountMicros: usd(day < '2025-03-10' ? 2 : 1) },
]);

const ledger = (
  day: string,
  provider: string,
  agent: string,
  model: string,
  dollars: number,
  requests: number,
): AiLedgerRow => ({
  day,
  provider,
  agent,
  model,
  amountMicros: usd(dollars),
  inputTokens: requests * 400,
  outputTokens: requests * 100,
  requests,
});

const LEDGER: AiLedgerRow[] = [
  ledger('2025-03-04', 'openai', 'content', 'gpt-4', 3, 100),
  ledger('2025-03-11', 'openai', 'content', 'gpt-4', 4.5, 100),
  ledger('2025-03-12', 'azure', 'chatbot', 'gpt-4', 1, 50),
];

const ALERTS: CostAlert[] = [
  {
    id: 'a1',
    createdAt: '2025-03-10T08:00:00Z',
    alertType: 'budget_threshold',
    severity: 'warning',
    message: 'Forecast above 80% of the $500 budget',
    amountMicros: usd(848.57),
    thresholdMicros: usd(400),
    notified: true,
  },
  {
    id: 'a2',
    createdAt: '2025-03-12T23:00:00Z',
    alertType: 'anomaly',
    severity: 'critical',
    message: '=HYPERLINK("http://evil","click") | Lambda, "spike"\non 03-12',
    amountMicros: usd(65),
    thresholdMicros: usd(5),
    notified: false,
  },
  {
    id: 'a3',
    createdAt: '2025-03-14T08:00:00Z',
    alertType: 'daily_limit',
    severity: 'warning',
    message: 'Daily AI spend above $5',
    amountMicros: usd(5.5),
    thresholdMicros: usd(5),
    notified: true,
  },
];

const report = buildWeeklyReview({
  now: NOW,
  budgetMicros: usd(500),
  serviceCosts: SERVICE_COSTS,
  ledger: LEDGER,
  openAlerts: ALERTS,
  topN: 2,
});

/** A small RFC 4180 reader, to check the CSV the way a spreadsheet would read it. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

/** The data rows of one section, keyed by their header. */
function csvSection(
  records: string[][],
  name: string,
): Record<string, string>[] {
  const start = records.findIndex(r => r[0] === 'section' && r[1] === name);
  expect(start).toBeGreaterThanOrEqual(0);
  const header = records[start + 1];
  const rows: Record<string, string>[] = [];
  for (
    let i = start + 2;
    i < records.length && !(records[i].length === 1 && records[i][0] === '');
    i++
  ) {
    rows.push(Object.fromEntries(header.map((h, j) => [h, records[i][j]])));
  }
  return rows;
}

describe('buildWeeklyReview', () => {
  it('totals the AWS bill and the AI ledger for both weeks', () => {
    expect(report.periods.current).toEqual({
      from: '2025-03-10',
      to: '2025-03-16',
      days: 7,
    });
    expect(report.totals.aws).toEqual({
      currentMicros: usd(207),
      previousMicros: usd(154),
      changeMicros: usd(53),
      changePercent: expect.closeTo((53 / 154) * 100, 10),
    });
    expect(report.totals.ai).toMatchObject({
      currentMicros: usd(5.5),
      previousMicros: usd(3),
      changeMicros: usd(2.5),
    });
  });

  it('lists the top movers by service, agent and provider', () => {
    expect(
      report.movers.services.movers.map(m => [m.key, m.changeMicros]),
    ).toEqual([
      ['AWS Lambda', usd(60)],
      ['Amazon S3', usd(-7)],
    ]);
    expect(report.movers.services.others).toMatchObject({
      count: 1,
      changeMicros: 0,
    });
    expect(report.movers.agents.movers.map(m => [m.key, m.status])).toEqual([
      ['content', 'up'],
      ['chatbot', 'new'],
    ]);
    expect(report.movers.providers.movers.map(m => m.key)).toEqual([
      'openai',
      'azure',
    ]);
  });

  it('reports the budget of the month the week ends in, with the run-rate forecast', () => {
    // Run rate 207 / 7 a day for the 15 days left: 405 + 15 × 29.571429
    expect(report.budget.month).toBe('2025-03');
    expect(report.budget.burn.monthToDateMicros).toBe(usd(405));
    expect(report.budget.runRate.monthEndMicros).toBe(
      usd(405) + 15 * Math.round(usd(207) / 7),
    );
    expect(report.budget.runRate.exhaustion).toEqual({
      day: '2025-03-20',
      basis: 'forecast',
    });
  });

  it('reports the anomalies of the week, the service and the total', () => {
    expect(
      report.anomalies.map(a => [a.day, a.dimension, a.series, a.impactMicros]),
    ).toEqual([
      ['2025-03-12', 'service', 'AWS Lambda', usd(60)],
      ['2025-03-12', 'total', 'Total', usd(59)],
    ]);
  });

  it('gives each anomaly the id triage answers to, unanswered until answers are attached', () => {
    expect(report.anomalies.map(a => [a.id, a.feedback])).toEqual([
      ['2025-03-12/service/AWS Lambda', null],
      ['2025-03-12/total/Total', null],
    ]);
    const triaged = withAnomalyFeedback(report, id =>
      id === '2025-03-12/service/AWS Lambda' ? LAMBDA_ANSWER : null,
    );
    expect(triaged.anomalies.map(a => a.feedback)).toEqual([
      LAMBDA_ANSWER,
      null,
    ]);
    expect(triaged.movers).toBe(report.movers);
    expect(report.anomalies[0].feedback).toBeNull();
  });

  it('includes AI unit economics for the same weeks', () => {
    expect(report.aiUnitEconomics.total.current.costPerRequestMicros).toBe(
      usd(5.5) / 150,
    );
    expect(report.aiUnitEconomics.periods).toEqual(report.periods);
  });

  it('puts critical alerts first, then the newest', () => {
    expect(report.openAlerts.map(a => a.id)).toEqual(['a2', 'a3', 'a1']);
  });
});

describe('renderWeeklyReviewCsv', () => {
  const csv = renderWeeklyReviewCsv(report);
  const records = parseCsv(csv);

  it('writes each anomaly’s triage answer, empty where none', () => {
    const triaged = parseCsv(
      renderWeeklyReviewCsv(
        withAnomalyFeedback(report, id =>
          id === LAMBDA_ANSWER.anomalyId ? LAMBDA_ANSWER : null,
        ),
      ),
    );
    const header = triaged.find(r => r[0] === 'day')!;
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    const [lambda, total] = triaged.filter(r => r[0] === '2025-03-12');
    expect(
      ['triage', 'triaged_by', 'triaged_at', 'triage_comment'].map(c =>
        at(lambda, c),
      ),
    ).toEqual([
      'PLANNED_ACTIVITY',
      'user:default/fiona',
      '2025-03-13T09:30:00.000Z',
      'load test | ramp-up',
    ]);
    expect(at(total, 'triage')).toBe('');
  });

  it('writes one section per table, in the documented order, each ending with an empty line', () => {
    const sections = records.filter(r => r[0] === 'section').map(r => r[1]);
    expect(sections).toEqual([
      'period',
      'totals',
      'budget',
      'movers',
      'anomalies',
      'ai_unit_economics',
      'open_alerts',
    ]);
    expect(
      csv.startsWith(
        'section,period\r\nperiod,from,to,days\r\ncurrent,2025-03-10,2025-03-16,7\r\n',
      ),
    ).toBe(true);
    expect(csv.endsWith('\r\n\r\n')).toBe(true);
  });

  it('writes raw dollar amounts and percentages', () => {
    expect(csvSection(records, 'totals')).toEqual([
      {
        scope: 'aws',
        current_usd: '207.00',
        previous_usd: '154.00',
        change_usd: '53.00',
        change_pct: '34.42',
      },
      {
        scope: 'ai',
        current_usd: '5.50',
        previous_usd: '3.00',
        change_usd: '2.50',
        change_pct: '83.33',
      },
    ]);
    const budget = Object.fromEntries(
      csvSection(records, 'budget').map(r => [r.metric, r.value]),
    );
    expect(budget).toMatchObject({
      month: '2025-03',
      budget_usd: '500.00',
      month_to_date_usd: '405.00',
      exhaustion_run_rate_day: '2025-03-20',
    });
  });

  it('writes a negative change as a plain negative number', () => {
    const s3 = csvSection(records, 'movers').find(r => r.key === 'Amazon S3')!;
    expect(s3).toMatchObject({
      dimension: 'service',
      status: 'down',
      change_usd: '-7.00',
      change_pct: '-50.00',
    });
  });

  it('leaves a percent change from $0 empty and sums the rest into an others row', () => {
    const movers = csvSection(records, 'movers');
    expect(movers.find(r => r.key === 'chatbot')).toMatchObject({
      status: 'new',
      change_pct: '',
    });
    expect(movers.find(r => r.key === '(1 others)')).toMatchObject({
      dimension: 'service',
      status: 'others',
    });
  });

  it('quotes a message with commas, quotes and a line break, and defuses its formula', () => {
    const alert = csvSection(records, 'open_alerts')[0];
    expect(alert.message).toBe(
      '\'=HYPERLINK("http://evil","click") | Lambda, "spike"\non 03-12',
    );
    expect(alert).toMatchObject({
      severity: 'critical',
      notified: 'false',
      amount_usd: '65.00',
    });
  });

  it('gives every data row as many fields as its header', () => {
    let header: string[] | undefined;
    const misshapen: string[][] = [];
    for (const [i, r] of records.entries()) {
      if (r[0] === 'section') header = records[i + 1];
      else if (header && r.length > 1 && r.length !== header.length)
        misshapen.push(r);
    }
    expect(misshapen).toEqual([]);
  });
});

describe('renderWeeklyReviewMarkdown', () => {
  const md = renderWeeklyReviewMarkdown(report);
  const lines = md.split('\n');

  it('has a title with the week and a heading per part', () => {
    expect(lines[0]).toBe('# FinOps weekly review: 2025-03-10 to 2025-03-16');
    const headings = lines.filter(l => l.startsWith('## '));
    expect(headings).toEqual([
      '## Totals',
      '## Budget: 2025-03',
      '## Top movers',
      '## Anomalies',
      '## AI unit economics',
      '## Open alerts',
    ]);
  });

  it('signs the changes in the totals table', () => {
    expect(lines).toContain(
      '| AWS (all services) | $207.00 | $154.00 | +$53.00 | +34.4% |',
    );
  });

  it('shows decreases with a minus sign and new items as new', () => {
    expect(lines).toContain(
      '| Amazon S3 | $7.00 | $14.00 | -$7.00 | -50.0% | down |',
    );
    expect(lines).toContain('| chatbot | $1.00 | $0.00 | +$1.00 | new | new |');
  });

  it('states the burn rate and when the budget runs out', () => {
    expect(md).toContain('- **Month to date:** $405.00 after 16 days');
    expect(md).toContain('1.83× the allowed rate'); // 29.57 ÷ (500 ÷ 31)
    expect(md).toMatch(
      /\*\*Forecast \(run rate\):\*\* \$848\.57, 169\.7% of the budget; budget reached on 2025-03-20\./,
    );
  });

  it('lists the anomalies with expected, actual, impact and their triage answer', () => {
    expect(lines).toContain(
      '| 2025-03-12 | AWS Lambda (service) | $5.00 | $65.00 | +$60.00 | flat baseline | not answered |',
    );
    const triaged = renderWeeklyReviewMarkdown(
      withAnomalyFeedback(report, id =>
        id === '2025-03-12/service/AWS Lambda' ? LAMBDA_ANSWER : null,
      ),
    );
    expect(triaged).toContain(
      '| +$60.00 | flat baseline | Planned activity — user:default/fiona, 2025-03-13 09:30 UTC: load test \\| ramp-up |',
    );
    expect(triaged).toContain('| Total | $');
  });

  it('escapes an alert message so it stays inside its table cell', () => {
    const row = lines.find(l => l.includes('HYPERLINK'))!;
    expect(row).toContain('\\| Lambda');
    expect(row).not.toContain('\n');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(9);
  });

  it('says so when a part has nothing to show', () => {
    const quiet = renderWeeklyReviewMarkdown({
      ...report,
      anomalies: [],
      openAlerts: [],
    });
    expect(quiet).toContain('_No anomalies this week._');
    expect(quiet).toContain('_No open alerts._');
  });
});
