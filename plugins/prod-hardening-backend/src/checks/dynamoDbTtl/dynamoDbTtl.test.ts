import { evaluateDynamoDbTtl } from './evaluate';

describe('dynamodb-ttl', () => {
  it('wants TTL on the seed attribute "ttl"', () => {
    const t = { name: 't', found: true, pointInTimeRecovery: true };
    expect(
      evaluateDynamoDbTtl({
        tables: [{ ...t, ttlStatus: 'ENABLED', ttlAttribute: 'ttl' }],
      }).status,
    ).toBe('PASS');
    expect(
      evaluateDynamoDbTtl({
        tables: [{ ...t, ttlStatus: 'ENABLED', ttlAttribute: 'expiresAt' }],
      }).status,
    ).toBe('WARN');
    expect(
      evaluateDynamoDbTtl({ tables: [{ ...t, ttlStatus: 'DISABLED' }] }).status,
    ).toBe('FAIL');
  });
});
