/** The one report as text (for the terminal) and as Markdown (for the README). */
import type { ReportRow, Verdict } from './row';

const HEADER = [
  'bench',
  'metric',
  'target',
  'peer / ceiling',
  'ours',
  'result',
];

/**
 * Rows as table cells; a row with a note gets a [n] mark that the notes below
 * explain, one number per distinct note.
 */
function cells(rows: ReportRow[]): { body: string[][]; notes: string[] } {
  const notes: string[] = [];
  const body = rows.map(row => {
    let metric = row.metric;
    if (row.note) {
      if (!notes.includes(row.note)) notes.push(row.note);
      metric += ` [${notes.indexOf(row.note) + 1}]`;
    }
    return [
      row.bench,
      metric,
      row.target,
      row.reference,
      row.ours,
      row.verdict,
    ];
  });
  return { body, notes };
}

export function countVerdicts(rows: ReportRow[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = {
    PASS: 0,
    FAIL: 0,
    'NOT MEASURED': 0,
    'NO TARGET': 0,
    CRASHED: 0,
  };
  for (const row of rows) counts[row.verdict]++;
  return counts;
}

export function summaryLine(rows: ReportRow[]): string {
  const counts = countVerdicts(rows);
  return (Object.keys(counts) as Verdict[])
    .filter(v => counts[v] > 0)
    .map(v => `${counts[v]} ${v.toLowerCase()}`)
    .join(', ');
}

export function renderText(rows: ReportRow[]): string {
  const { body, notes } = cells(rows);
  const all = [HEADER, ...body];
  const widths = HEADER.map((_, c) => Math.max(...all.map(r => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [
    line(HEADER),
    line(widths.map(w => '-'.repeat(w))),
    ...body.map(line),
    '',
    ...notes.map((note, i) => `[${i + 1}] ${note}`),
    '',
    summaryLine(rows),
  ].join('\n');
}

const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');

export function renderMarkdown(rows: ReportRow[]): string {
  const { body, notes } = cells(rows);
  const line = (r: string[]) => `| ${r.map(escapeCell).join(' | ')} |`;
  return [
    line(HEADER),
    line(HEADER.map(() => '---')),
    ...body.map(r =>
      line(
        r.map((cell, c) =>
          c === 5 && (cell === 'FAIL' || cell === 'CRASHED')
            ? `**${cell}**`
            : cell,
        ),
      ),
    ),
    '',
    ...notes.map((note, i) => `${i + 1}. ${note}`),
    ...(notes.length > 0 ? [''] : []),
    `Results: ${summaryLine(rows)}.`,
  ].join('\n');
}
