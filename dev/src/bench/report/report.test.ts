import { exitCodeFor, reportDocument, reportRows } from './report';
import type { BenchOutcome } from './runBench';

const ran = (name: BenchOutcome['name'], document: unknown): BenchOutcome => ({
  name,
  exitCode: 0,
  signal: null,
  seconds: 1,
  document,
});
const crashed: BenchOutcome = {
  name: 'posture',
  exitCode: 1,
  signal: null,
  seconds: 2,
  crash: 'no JSON report (exit code 1)',
};

describe('the one report', () => {
  const ledger = ran('ledger', {
    results: [
      {
        store: 'dynalite',
        median: {
          entriesPerSecond: { median: 500 },
          queryP50Ms: { median: 5 },
          queryP99Ms: { median: 9 },
        },
      },
    ],
  });

  it('exits 0 when targets are missed and 1 only when a bench crashed', () => {
    expect(reportRows([ledger]).some(r => r.verdict === 'FAIL')).toBe(true);
    expect(exitCodeFor([ledger])).toBe(0);
    expect(exitCodeFor([ledger, crashed])).toBe(1);
  });

  it('keeps each bench in the order run, a crashed one as one CRASHED row', () => {
    const rows = reportRows([ledger, crashed]);
    expect(rows.map(r => `${r.bench}: ${r.verdict}`)).toEqual([
      'ledger: FAIL',
      'ledger: PASS',
      'ledger: PASS',
      'posture: CRASHED',
    ]);
  });

  it('keeps every bench report in the document beside the rows and the counts', () => {
    const outcomes = [ledger, crashed];
    const rows = reportRows(outcomes);
    const document = reportDocument({
      date: new Date('2026-12-06T12:00:00Z'),
      machine: {
        cpus: 2,
        cpuModel: 'test',
        node: 'v20',
        platform: 'linux',
        memoryGb: 8,
        loadAverage: { before: [0], after: [0] },
      },
      quick: true,
      outcomes,
      rows,
    });
    expect(document).toMatchObject({
      date: '2026-12-06T12:00:00.000Z',
      quick: true,
      summary: { PASS: 2, FAIL: 1, CRASHED: 1, 'NOT MEASURED': 0 },
      benchmarks: {
        ledger: { exitCode: 0, report: ledger.document },
        posture: {
          exitCode: 1,
          crash: 'no JSON report (exit code 1)',
          report: null,
        },
      },
    });
    expect(document.rows).toBe(rows);
  });
});
