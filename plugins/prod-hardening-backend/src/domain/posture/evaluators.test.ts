import {
  evaluateElastiCacheEncryption,
  evaluateRdsForceSsl,
  evaluateSecurityHub,
} from './evaluators';

describe('posture evaluators', () => {
  it('reports Security Hub as ERROR, not FAIL, when the standards cannot be read', () => {
    const e = evaluateSecurityHub({
      region: 'us-east-1',
      hubEnabled: true,
      standardsError: 'access denied: x',
    });
    expect(e.status).toBe('ERROR');
    expect(e.summary).toContain('access denied: x');
  });

  it('passes Security Hub only with the FSBP standard subscribed', () => {
    const fsbp =
      'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
    expect(
      evaluateSecurityHub({
        region: 'r',
        hubEnabled: true,
        enabledStandardsArns: [fsbp],
      }).status,
    ).toBe('PASS');
    expect(
      evaluateSecurityHub({
        region: 'r',
        hubEnabled: true,
        enabledStandardsArns: [],
      }).status,
    ).toBe('FAIL');
    expect(evaluateSecurityHub({ region: 'r', hubEnabled: false }).status).toBe(
      'FAIL',
    );
  });

  it('fails Redis without encryption and warns when only AUTH is missing', () => {
    const g = {
      id: 'r',
      arn: 'arn',
      atRestEncryption: true,
      transitEncryption: true,
      authTokenEnabled: true,
    };
    expect(evaluateElastiCacheEncryption({ groups: [g] }).status).toBe('PASS');
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...g, authTokenEnabled: false }],
      }).status,
    ).toBe('WARN');
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...g, transitEncryption: false }],
      }).status,
    ).toBe('FAIL');
  });

  it('requires rds.force_ssl to be exactly 1', () => {
    expect(
      evaluateRdsForceSsl({ parameterGroup: 'pg', value: '1' }).status,
    ).toBe('PASS');
    expect(
      evaluateRdsForceSsl({ parameterGroup: 'pg', value: '0' }).status,
    ).toBe('FAIL');
    expect(evaluateRdsForceSsl({ parameterGroup: 'pg' }).summary).toContain(
      'not set',
    );
  });
});
