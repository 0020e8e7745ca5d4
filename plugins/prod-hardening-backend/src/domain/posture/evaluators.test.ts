import {
  evaluateElastiCacheEncryption,
  evaluateRdsForceSsl,
} from './evaluators';

describe('posture evaluators', () => {
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
