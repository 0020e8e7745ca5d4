import { runbookExitCode } from './runbookReport';

describe('runbookExitCode', () => {
  it('is 0 when every check passes', () => {
    expect(runbookExitCode([{ status: 'PASS', severity: 'CRITICAL' }])).toBe(0);
  });

  it('is 1 when a critical or high check fails', () => {
    expect(
      runbookExitCode([
        { status: 'FAIL', severity: 'HIGH' },
        { status: 'WARN', severity: 'LOW' },
      ]),
    ).toBe(1);
  });

  it('is 2 for warnings only: a medium failure, a WARN or a check that could not run', () => {
    expect(runbookExitCode([{ status: 'FAIL', severity: 'MEDIUM' }])).toBe(2);
    expect(runbookExitCode([{ status: 'WARN', severity: 'HIGH' }])).toBe(2);
    expect(runbookExitCode([{ status: 'ERROR', severity: 'CRITICAL' }])).toBe(
      2,
    );
  });
});
