import { computeScore } from './score';

describe('computeScore', () => {
  it('uses passed ÷ evaluated for the Security Hub score and leaves ERROR out', () => {
    const score = computeScore([
      { status: 'PASS', severity: 'LOW' },
      { status: 'FAIL', severity: 'CRITICAL' },
      { status: 'ERROR', severity: 'HIGH' },
      { status: 'WARN', severity: 'MEDIUM' },
    ]);
    expect(score.securityHubPercent).toBe(33.3);
    expect(score).toMatchObject({
      passed: 1,
      failed: 1,
      warned: 1,
      errored: 1,
    });
  });

  it('weighs a critical failure as ten low passes', () => {
    const score = computeScore([
      { status: 'FAIL', severity: 'CRITICAL' },
      ...Array.from({ length: 10 }, () => ({
        status: 'PASS' as const,
        severity: 'LOW' as const,
      })),
    ]);
    expect(score.severityWeightedPercent).toBe(50);
    expect(score.securityHubPercent).toBe(90.9);
  });

  it('has no score when nothing could be evaluated', () => {
    expect(computeScore([{ status: 'ERROR', severity: 'HIGH' }])).toMatchObject(
      {
        securityHubPercent: null,
        severityWeightedPercent: null,
      },
    );
  });
});
