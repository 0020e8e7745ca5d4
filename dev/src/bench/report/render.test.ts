import { metricRow, crashedRow } from './row';
import { renderMarkdown, renderText, summaryLine } from './render';
import { TARGETS } from './targets';

const rows = [
  metricRow('ledger', 'entries/s on moto', 899, {
    target: TARGETS.ledgerEntriesPerSecond,
    note: 'median of the runs; 769–1204',
  }),
  metricRow('ledger', 'query p99 on moto', undefined, {
    target: TARGETS.ledgerQueryMs,
  }),
  crashedRow('posture', 'no JSON report (exit code 1): boom'),
];

describe('renderText', () => {
  it('prints one aligned line per row, the notes under the table and the counts', () => {
    expect(renderText(rows)).toBe(
      [
        'bench    metric                 target            peer / ceiling  ours          result',
        '-------  ---------------------  ----------------  --------------  ------------  ------------',
        'ledger   entries/s on moto [1]  ≥ 1,000/s (seed)  —               899/s         FAIL',
        'ledger   query p99 on moto      < 100 ms (seed)   —               not measured  NOT MEASURED',
        'posture  benchmark run [2]      —                 —               no report     CRASHED',
        '',
        '[1] median of the runs; 769–1204',
        '[2] no JSON report (exit code 1): boom',
        '',
        '1 fail, 1 not measured, 1 crashed',
      ].join('\n'),
    );
  });
});

describe('renderMarkdown', () => {
  it('renders a Markdown table with failures in bold and the notes as a list', () => {
    const markdown = renderMarkdown(rows).split('\n');
    expect(markdown[0]).toBe(
      '| bench | metric | target | peer / ceiling | ours | result |',
    );
    expect(markdown[2]).toBe(
      '| ledger | entries/s on moto [1] | ≥ 1,000/s (seed) | — | 899/s | **FAIL** |',
    );
    expect(markdown[3]).toContain('| NOT MEASURED |');
    expect(markdown.slice(-4)).toEqual([
      '1. median of the runs; 769–1204',
      '2. no JSON report (exit code 1): boom',
      '',
      'Results: 1 fail, 1 not measured, 1 crashed.',
    ]);
  });

  it('escapes a pipe inside a cell', () => {
    const [, , line] = renderMarkdown([
      metricRow('posture', 'a | b', 1, { unit: 'ms' }),
    ]).split('\n');
    expect(line).toContain('a \\| b');
  });
});

describe('notes', () => {
  it('numbers a note shared by several rows once', () => {
    const shared = { target: TARGETS.decisionP50Ms, note: 'outage included' };
    const text = renderText([
      metricRow('pipeline', 'decision p50', 1, shared),
      metricRow('pipeline', 'decision p99', 2, shared),
    ]);
    expect(text).toContain('decision p50 [1]');
    expect(text).toContain('decision p99 [1]');
    expect(text).not.toContain('[2]');
  });
});

describe('summaryLine', () => {
  it('counts only the verdicts that occur', () => {
    expect(summaryLine([rows[0], rows[0]])).toBe('2 fail');
  });
});
