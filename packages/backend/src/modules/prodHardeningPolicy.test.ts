import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  prodHardeningEntityReadPermission,
  prodHardeningExemptionCreatePermission,
  prodHardeningFinOpsFeedbackPermission,
  prodHardeningHistoryVerifyPermission,
  prodHardeningReadPermission,
  prodHardeningRemediationExecutePermission,
  prodHardeningResourceRemediatePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import { DEFAULT_ANOMALY_FEEDBACK_GROUPS } from './permissionPolicyModule';
import { decide, PortalRoles, RemediationScope } from './prodHardeningPolicy';

const roles = {
  remediators: {
    groups: ['group:default/platform-oncall'],
    users: ['user:default/alice'],
  },
  admins: {
    groups: ['group:default/platform-admins'],
    users: ['user:default/dora'],
  },
  exemptions: {
    groups: ['group:default/security'],
    users: [],
  },
  anomalyFeedback: {
    groups: DEFAULT_ANOMALY_FEEDBACK_GROUPS,
    users: ['user:default/frank'],
  },
};

const user = (userEntityRef: string, groups: string[] = []) => ({
  userEntityRef,
  ownershipEntityRefs: [userEntityRef, ...groups],
});

describe('prod-hardening permission policy', () => {
  it('lets every signed-in user read', () => {
    expect(
      decide(prodHardeningReadPermission, user('user:default/bob'), roles)
        .result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets a member of a remediator group remediate', () => {
    const oncall = user('user:default/carol', [
      'group:default/platform-oncall',
    ]);
    expect(
      decide(prodHardeningRemediationExecutePermission, oncall, roles).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('lets a listed user remediate without the group', () => {
    expect(
      decide(
        prodHardeningRemediationExecutePermission,
        user('user:default/alice'),
        roles,
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('denies remediation to anyone else', () => {
    const other = user('user:default/bob', ['group:default/frontend']);
    expect(
      decide(prodHardeningRemediationExecutePermission, other, roles).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('denies remediation to everyone when no remediators are configured', () => {
    const oncall = user('user:default/carol', [
      'group:default/platform-oncall',
    ]);
    expect(
      decide(prodHardeningRemediationExecutePermission, oncall, {
        ...roles,
        remediators: { groups: [], users: [] },
      }).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('denies any request without a signed-in user', () => {
    expect(decide(prodHardeningReadPermission, undefined, roles).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('matches the remediation permission by name, not by object identity', () => {
    const sameName = createPermission({
      name: 'prod-hardening.remediation.execute',
      attributes: { action: 'update' },
    });
    expect(decide(sameName, user('user:default/bob'), roles).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets only admins verify the history, remediators included in the refusal', () => {
    const verify = (who: ReturnType<typeof user>) =>
      decide(prodHardeningHistoryVerifyPermission, who, roles).result;
    expect(verify(user('user:default/dora'))).toBe(AuthorizeResult.ALLOW);
    expect(
      verify(user('user:default/erin', ['group:default/platform-admins'])),
    ).toBe(AuthorizeResult.ALLOW);
    expect(verify(user('user:default/alice'))).toBe(AuthorizeResult.DENY);
    expect(
      verify(user('user:default/carol', ['group:default/platform-oncall'])),
    ).toBe(AuthorizeResult.DENY);
  });

  it('lets only the exemption role create or revoke exemptions', () => {
    const exempt = (who: ReturnType<typeof user>) =>
      decide(prodHardeningExemptionCreatePermission, who, roles).result;
    expect(exempt(user('user:default/wendy', ['group:default/security']))).toBe(
      AuthorizeResult.ALLOW,
    );
    // Remediators and admins do not accept risks by default.
    expect(exempt(user('user:default/alice'))).toBe(AuthorizeResult.DENY);
    expect(exempt(user('user:default/dora'))).toBe(AuthorizeResult.DENY);
  });

  it('lets FinOps and the platform on-call group triage cost anomalies by default, nobody else', () => {
    const answer = (who: ReturnType<typeof user> | undefined) =>
      decide(prodHardeningFinOpsFeedbackPermission, who, roles).result;
    expect(answer(user('user:default/fiona', ['group:default/finops']))).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(
      answer(user('user:default/carol', ['group:default/platform-oncall'])),
    ).toBe(AuthorizeResult.ALLOW);
    // Listed by name in the configured users.
    expect(answer(user('user:default/frank'))).toBe(AuthorizeResult.ALLOW);
    // A remediator by name, the security group, an admin: reading is not triaging.
    expect(answer(user('user:default/alice'))).toBe(AuthorizeResult.DENY);
    expect(answer(user('user:default/wendy', ['group:default/security']))).toBe(
      AuthorizeResult.DENY,
    );
    expect(answer(user('user:default/dora'))).toBe(AuthorizeResult.DENY);
    expect(answer(undefined)).toBe(AuthorizeResult.DENY);
  });

  it('gives the triage to exactly the configured members when the key is set', () => {
    const configured: PortalRoles = {
      ...roles,
      anomalyFeedback: { groups: ['group:default/cost-review'], users: [] },
    };
    const answer = (who: ReturnType<typeof user>) =>
      decide(prodHardeningFinOpsFeedbackPermission, who, configured).result;
    expect(
      answer(user('user:default/rita', ['group:default/cost-review'])),
    ).toBe(AuthorizeResult.ALLOW);
    expect(answer(user('user:default/fiona', ['group:default/finops']))).toBe(
      AuthorizeResult.DENY,
    );
  });
});

describe('ownership scopes', () => {
  const wendy = user('user:default/wendy', ['group:default/team-web']);
  const oncall = user('user:default/dana', ['group:default/platform-oncall']);
  const scoped = (remediationScope: RemediationScope): PortalRoles => ({
    ...roles,
    remediationScope,
  });
  const ownedByWendy = {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'prod-hardening',
    resourceType: 'prod-hardening-resource',
    conditions: {
      rule: 'IS_RESOURCE_OWNER',
      resourceType: 'prod-hardening-resource',
      params: {
        claims: ['user:default/wendy', 'group:default/team-web'],
      },
    },
  };

  it('remediators (the default): the remediators change any resource, owners none', () => {
    expect(
      decide(prodHardeningResourceRemediatePermission, oncall, roles).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      decide(prodHardeningRemediationExecutePermission, wendy, roles).result,
    ).toBe(AuthorizeResult.DENY);
    expect(
      decide(prodHardeningResourceRemediatePermission, wendy, roles).result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('owners: anyone may start, each resource is left to its owners, remediators included', () => {
    expect(
      decide(prodHardeningRemediationExecutePermission, wendy, scoped('owners'))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      decide(prodHardeningResourceRemediatePermission, wendy, scoped('owners')),
    ).toEqual(ownedByWendy);
    expect(
      decide(prodHardeningResourceRemediatePermission, oncall, scoped('owners'))
        .result,
    ).toBe(AuthorizeResult.CONDITIONAL);
  });

  it('remediators-or-owners: remediators change anything, others what they own', () => {
    const either = scoped('remediators-or-owners');
    expect(
      decide(prodHardeningResourceRemediatePermission, oncall, either).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      decide(prodHardeningResourceRemediatePermission, wendy, either),
    ).toEqual(ownedByWendy);
  });

  it('entity reads: everyone by default; with the owners scope, conditional except for remediators and admins', () => {
    expect(decide(prodHardeningEntityReadPermission, wendy, roles).result).toBe(
      AuthorizeResult.ALLOW,
    );
    const owners: PortalRoles = { ...roles, readScope: 'owners' };
    expect(decide(prodHardeningEntityReadPermission, wendy, owners)).toEqual({
      ...ownedByWendy,
    });
    expect(
      decide(prodHardeningEntityReadPermission, oncall, owners).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      decide(
        prodHardeningEntityReadPermission,
        user('user:default/dora'),
        owners,
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('denies a service or anonymous caller whatever the scope', () => {
    expect(
      decide(
        prodHardeningResourceRemediatePermission,
        undefined,
        scoped('owners'),
      ).result,
    ).toBe(AuthorizeResult.DENY);
  });
});
