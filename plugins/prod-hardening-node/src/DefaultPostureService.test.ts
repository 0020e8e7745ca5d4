import type { PostureReport } from '@prod-hardening/plugin-prod-hardening-common';
import { summarisePosture } from './DefaultPostureService';

const score = {
  securityHubPercent: 50,
  severityWeightedPercent: 40,
  passed: 1,
  failed: 1,
  warned: 0,
  errored: 0,
};
const report = {
  accountId: '123456789012',
  region: 'us-east-1',
  evaluatedAt: '2026-11-20T12:00:00.000Z',
  score,
  checks: [{ id: 'guardduty-enabled' }, { id: 'dynamodb-pitr' }],
} as unknown as PostureReport;

describe('summarisePosture', () => {
  it('keeps the scores and drops the checks', () => {
    expect(summarisePosture(report)).toEqual({
      accountId: '123456789012',
      region: 'us-east-1',
      evaluatedAt: '2026-11-20T12:00:00.000Z',
      score,
    });
  });

  it('keeps the score with exemptions when the backend gave one', () => {
    const withExemptions = {
      ...score,
      passed: 1,
      failed: 0,
      securityHubPercent: 100,
      severityWeightedPercent: 100,
      exempted: 1,
    };
    expect(
      summarisePosture({ ...report, scoreWithExemptions: withExemptions })
        .scoreWithExemptions,
    ).toEqual(withExemptions);
  });
});
