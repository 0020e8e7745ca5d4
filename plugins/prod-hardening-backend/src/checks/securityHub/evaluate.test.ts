import { evaluateSecurityHub } from './evaluate';

describe('securityhub-fsbp-enabled', () => {
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
});
