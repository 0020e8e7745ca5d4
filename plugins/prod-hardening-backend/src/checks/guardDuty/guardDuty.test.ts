import { evaluateGuardDuty } from './evaluate';
import { planEnableGuardDuty } from './plan';

describe('guardduty-enabled', () => {
  it('passes GuardDuty only with an enabled detector', () => {
    expect(
      evaluateGuardDuty({ region: 'us-east-1', detectors: [] }).status,
    ).toBe('FAIL');
    expect(
      evaluateGuardDuty({
        region: 'us-east-1',
        detectors: [{ detectorId: 'd', status: 'DISABLED' }],
      }).status,
    ).toBe('FAIL');
    expect(
      evaluateGuardDuty({
        region: 'us-east-1',
        detectors: [{ detectorId: 'd', status: 'ENABLED' }],
      }).status,
    ).toBe('PASS');
  });

  it('creates a detector publishing every 15 minutes when there is none', () => {
    const plan = planEnableGuardDuty({ region: 'r', detectors: [] });
    expect(plan.calls).toEqual([
      {
        service: 'guardduty',
        action: 'CreateDetector',
        params: { Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' },
      },
    ]);
  });

  it('enables existing disabled detectors instead of creating a new one', () => {
    const plan = planEnableGuardDuty({
      region: 'r',
      detectors: [{ detectorId: 'd1', status: 'DISABLED' }],
    });
    expect(plan.calls).toEqual([
      {
        service: 'guardduty',
        action: 'UpdateDetector',
        params: { DetectorId: 'd1', Enable: true },
      },
    ]);
  });

  it('plans nothing when one detector is enabled', () => {
    expect(
      planEnableGuardDuty({
        region: 'r',
        detectors: [
          { detectorId: 'd1', status: 'DISABLED' },
          { detectorId: 'd2', status: 'ENABLED' },
        ],
      }),
    ).toMatchObject({ alreadyCompliant: true, calls: [] });
  });
});
