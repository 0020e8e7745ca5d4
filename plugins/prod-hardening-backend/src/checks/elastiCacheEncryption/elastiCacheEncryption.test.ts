import { evaluateElastiCacheEncryption } from './evaluate';

describe('elasticache-encryption', () => {
  it('fails Redis without encryption and warns when only AUTH is missing', () => {
    const g = {
      id: 'r',
      arn: 'arn',
      atRestEncryption: true,
      transitEncryption: true,
      authTokenEnabled: true,
      userGroupIds: [],
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

  it('passes Redis with RBAC users, which report AuthTokenEnabled=false', () => {
    const rbac = {
      id: 'huntaze-redis',
      arn: 'arn',
      atRestEncryption: true,
      transitEncryption: true,
      authTokenEnabled: false,
      userGroupIds: ['huntaze-redis-users'],
    };
    const result = evaluateElastiCacheEncryption({ groups: [rbac] });
    expect(result.status).toBe('PASS');
    expect(result.resources[0].evidence).toContain(
      'AuthTokenEnabled=false, UserGroupIds=huntaze-redis-users',
    );
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...rbac, userGroupIds: [] }],
      }).status,
    ).toBe('WARN');
    expect(
      evaluateElastiCacheEncryption({
        groups: [{ ...rbac, atRestEncryption: false }],
      }).status,
    ).toBe('FAIL');
  });
});
