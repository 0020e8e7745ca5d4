import { evaluateRdsForceSsl } from './evaluate';

describe('rds-force-ssl', () => {
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
