import { evaluateCloudTrail } from './evaluate';
import { planCloudTrail } from './plan';

describe('cloudtrail-multi-region', () => {
  it('accepts one complete trail among incomplete ones, and warns without CloudWatch Logs', () => {
    const base = {
      name: 't',
      arn: 'a',
      isLogging: true,
      isMultiRegion: true,
      logFileValidation: true,
    };
    expect(
      evaluateCloudTrail({
        trails: [
          { ...base, isMultiRegion: false },
          { ...base, cloudWatchLogsGroupArn: 'lg' },
        ],
      }).status,
    ).toBe('PASS');
    expect(evaluateCloudTrail({ trails: [base] }).status).toBe('WARN');
    expect(
      evaluateCloudTrail({ trails: [{ ...base, logFileValidation: false }] })
        .status,
    ).toBe('FAIL');
    expect(evaluateCloudTrail({ trails: [] }).status).toBe('FAIL');
  });

  it('refuses to remediate a trail that does not exist', () => {
    const plan = planCloudTrail({ trailName: 'huntaze-trail', trails: [] });
    expect(plan.blockers[0]).toMatch(/does not exist/);
    expect(plan.alreadyCompliant).toBe(false);
  });

  it('starts logging a stopped trail as well as making it multi-region', () => {
    const plan = planCloudTrail({
      trailName: 't',
      trails: [
        {
          name: 't',
          arn: 'arn:t',
          isMultiRegion: false,
          logFileValidation: true,
          isLogging: false,
        },
      ],
    });
    expect(plan.calls.map(c => c.action)).toEqual([
      'UpdateTrail',
      'StartLogging',
    ]);
  });
});
