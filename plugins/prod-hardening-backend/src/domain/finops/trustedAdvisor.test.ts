import {
  summariseTrustedAdvisor,
  trustedAdvisorUnavailableReason,
} from './trustedAdvisor';

describe('summariseTrustedAdvisor', () => {
  const checkedAt = '2026-11-28T06:00:00.000Z';

  it('lists errors and warnings first and totals the savings still open', () => {
    const report = summariseTrustedAdvisor(
      [
        {
          id: 'Qch7DwouX1',
          name: 'Low Utilization Amazon EC2 Instances',
          status: 'ok',
          resourcesFlagged: 0,
          resourcesProcessed: 12,
          estimatedMonthlySavingsUsd: 0,
        },
        {
          id: 'hjLMh88uM8',
          name: 'Idle Load Balancers',
          status: 'warning',
          resourcesFlagged: 1,
          resourcesProcessed: 3,
          estimatedMonthlySavingsUsd: 16.2,
        },
        {
          id: 'Z4AUBRNSmz',
          name: 'Unassociated Elastic IP Addresses',
          status: 'warning',
          resourcesFlagged: 2,
          resourcesProcessed: 5,
          estimatedMonthlySavingsUsd: 7.3,
        },
        {
          id: 'DAvU99Dc4C',
          name: 'Underutilized Amazon EBS Volumes',
          status: 'error',
          resourcesFlagged: 4,
          resourcesProcessed: 20,
          estimatedMonthlySavingsUsd: 3.5,
        },
      ],
      checkedAt,
    );
    expect(report.state).toBe('ok');
    if (report.state !== 'ok') return;
    expect(report.checks.map(c => c.id)).toEqual([
      'DAvU99Dc4C',
      'hjLMh88uM8',
      'Z4AUBRNSmz',
      'Qch7DwouX1',
    ]);
    expect(report.totalEstimatedMonthlySavingsMicros).toBe(27_000_000);
    expect(report.checkedAt).toBe(checkedAt);
  });

  it('treats unknown statuses and missing or negative savings safely', () => {
    const report = summariseTrustedAdvisor(
      [
        {
          id: 'a',
          name: 'A',
          status: 'surprising',
          resourcesFlagged: 0,
          resourcesProcessed: 0,
        },
        {
          id: 'b',
          name: 'B',
          status: 'warning',
          resourcesFlagged: 1,
          resourcesProcessed: 1,
          estimatedMonthlySavingsUsd: -4,
        },
      ],
      checkedAt,
    );
    if (report.state !== 'ok') throw new Error('expected ok');
    expect(report.checks.find(c => c.id === 'a')?.status).toBe('not_available');
    expect(report.totalEstimatedMonthlySavingsMicros).toBe(0);
  });
});

describe('trustedAdvisorUnavailableReason', () => {
  it('names the support plan when the account has none', () => {
    expect(
      trustedAdvisorUnavailableReason('SubscriptionRequiredException', 'x'),
    ).toMatch(/Business, Enterprise On-Ramp or Enterprise support plan/);
  });

  it('passes other reasons on', () => {
    expect(
      trustedAdvisorUnavailableReason('AccessDeniedException', 'access denied'),
    ).toBe('Trusted Advisor could not be read: access denied');
  });
});
