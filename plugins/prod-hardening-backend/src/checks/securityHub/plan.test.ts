import { fsbpStandardArn, planEnableSecurityHub } from './plan';

const FSBP =
  'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS =
  'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0';

describe('planEnableSecurityHub', () => {
  it('enables the hub without default standards, then subscribes to FSBP', () => {
    const plan = planEnableSecurityHub({
      region: 'us-east-1',
      hubEnabled: false,
    });
    expect(plan.calls).toEqual([
      {
        service: 'securityhub',
        action: 'EnableSecurityHub',
        params: {
          EnableDefaultStandards: false,
          ControlFindingGenerator: 'SECURITY_CONTROL',
        },
      },
      {
        service: 'securityhub',
        action: 'BatchEnableStandards',
        params: { StandardsSubscriptionRequests: [{ StandardsArn: FSBP }] },
      },
    ]);
    expect(plan.alreadyCompliant).toBe(false);
    expect(plan.current).toEqual({
      hub: 'not enabled',
      standards: 'unknown: the standards could not be read',
    });
  });

  it('only subscribes to FSBP when the hub runs other standards, and keeps them', () => {
    const plan = planEnableSecurityHub({
      region: 'us-east-1',
      hubEnabled: true,
      enabledStandardsArns: [CIS],
    });
    expect(plan.calls.map(c => c.action)).toEqual(['BatchEnableStandards']);
    expect(plan.expected).toEqual({ hub: 'enabled', standards: [CIS, FSBP] });
  });

  it('still plans the subscription when the standards could not be read, saying why', () => {
    const plan = planEnableSecurityHub({
      region: 'us-east-1',
      hubEnabled: true,
      standardsError: 'access denied: not authorized',
    });
    expect(plan.calls.map(c => c.action)).toEqual(['BatchEnableStandards']);
    expect(plan.current.standards).toBe(
      'unknown: access denied: not authorized',
    );
    expect(plan.alreadyCompliant).toBe(false);
  });

  it('has nothing to do when FSBP is subscribed (any version)', () => {
    const plan = planEnableSecurityHub({
      region: 'us-east-1',
      hubEnabled: true,
      enabledStandardsArns: [
        'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.1.0',
      ],
    });
    expect(plan).toMatchObject({ calls: [], alreadyCompliant: true });
  });
});

describe('fsbpStandardArn', () => {
  it.each([
    ['us-east-1', FSBP],
    [
      'cn-north-1',
      'arn:aws-cn:securityhub:cn-north-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    ],
    [
      'us-gov-west-1',
      'arn:aws-us-gov:securityhub:us-gov-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
    ],
  ])('names FSBP in %s', (region, arn) => {
    expect(fsbpStandardArn(region)).toBe(arn);
  });
});
