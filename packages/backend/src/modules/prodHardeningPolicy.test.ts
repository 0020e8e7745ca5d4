import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  prodHardeningReadPermission,
  prodHardeningRemediationExecutePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import { decide } from './prodHardeningPolicy';

const remediators = {
  groups: ['group:default/platform-oncall'],
  users: ['user:default/alice'],
};

const user = (userEntityRef: string, groups: string[] = []) => ({
  userEntityRef,
  ownershipEntityRefs: [userEntityRef, ...groups],
});

describe('prod-hardening permission policy', () => {
  it('lets every signed-in user read', () => {
    expect(
      decide(prodHardeningReadPermission, user('user:default/bob'), remediators)
        .result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets a member of a remediator group remediate', () => {
    const oncall = user('user:default/carol', [
      'group:default/platform-oncall',
    ]);
    expect(
      decide(prodHardeningRemediationExecutePermission, oncall, remediators)
        .result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets a listed user remediate without the group', () => {
    expect(
      decide(
        prodHardeningRemediationExecutePermission,
        user('user:default/alice'),
        remediators,
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('denies remediation to anyone else', () => {
    const other = user('user:default/bob', ['group:default/frontend']);
    expect(
      decide(prodHardeningRemediationExecutePermission, other, remediators)
        .result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('denies remediation to everyone when no remediators are configured', () => {
    const oncall = user('user:default/carol', [
      'group:default/platform-oncall',
    ]);
    expect(
      decide(prodHardeningRemediationExecutePermission, oncall, {
        groups: [],
        users: [],
      }).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('denies any request without a signed-in user', () => {
    expect(
      decide(prodHardeningReadPermission, undefined, remediators).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('matches the remediation permission by name, not by object identity', () => {
    const sameName = createPermission({
      name: 'prod-hardening.remediation.execute',
      attributes: { action: 'update' },
    });
    expect(decide(sameName, user('user:default/bob'), remediators).result).toBe(
      AuthorizeResult.DENY,
    );
  });
});
