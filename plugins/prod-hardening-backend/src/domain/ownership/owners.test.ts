import type { Entity } from '@backstage/catalog-model';
import {
  describeRefusedResources,
  entityAsResource,
  isOwnedBy,
  ownersOfArns,
  ownersOfEntity,
} from './owners';

const CLUSTER_WEB = 'arn:aws:ecs:us-east-1:123456789012:cluster/web';
const CLUSTER_AI = 'arn:aws:ecs:us-east-1:123456789012:cluster/ai';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/costs';

function component(
  name: string,
  owner: string,
  arns: string[],
  withRelation = true,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'prod-hardening.io/aws-arns': arns.join(', ') },
    },
    spec: { owner },
    relations: withRelation
      ? [{ type: 'ownedBy', targetRef: `group:default/${owner}` }]
      : [],
  };
}

const catalog = [
  component('web', 'team-web', [CLUSTER_WEB]),
  component('ai', 'team-ai', [CLUSTER_AI, TABLE]),
  component('costs-report', 'finops', [TABLE], false),
];

describe('ownership of AWS resources', () => {
  it('finds the owner of an ARN through the entity that lists it', () => {
    expect(ownersOfArns([CLUSTER_WEB], catalog)).toEqual([
      {
        ref: CLUSTER_WEB,
        entityRefs: ['component:default/web'],
        ownerRefs: ['group:default/team-web'],
      },
    ]);
  });

  it('gives a resource listed by two entities both owners', () => {
    const [table] = ownersOfArns([TABLE], catalog);
    expect(table.entityRefs).toEqual([
      'component:default/ai',
      'component:default/costs-report',
    ]);
    expect(table.ownerRefs).toEqual([
      'group:default/finops',
      'group:default/team-ai',
    ]);
  });

  it('leaves an ARN no entity lists without an owner', () => {
    const account = 'arn:aws:iam::123456789012:root';
    expect(ownersOfArns([account], catalog)).toEqual([
      { ref: account, entityRefs: [], ownerRefs: [] },
    ]);
  });

  it('reads spec.owner when the relations are missing, in the entity namespace', () => {
    expect(
      ownersOfEntity({
        ...component('x', 'team-web', [], false),
        metadata: { name: 'x', namespace: 'payments' },
      }),
    ).toEqual(['group:payments/team-web']);
  });

  it('counts a Group as owned by itself, so its members may read its page', () => {
    const group: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-web', namespace: 'default' },
      spec: { type: 'team', children: [] },
    };
    expect(entityAsResource(group).ownerRefs).toEqual([
      'group:default/team-web',
    ]);
  });
});

describe('isOwnedBy', () => {
  const [web] = ownersOfArns([CLUSTER_WEB], catalog);
  const [unowned] = ownersOfArns(['arn:aws:iam::123456789012:root'], catalog);

  it('allows a member of the owning group', () => {
    expect(
      isOwnedBy(web, ['user:default/wendy', 'group:default/team-web']),
    ).toBe(true);
  });

  it('refuses a member of another team', () => {
    expect(isOwnedBy(web, ['user:default/amir', 'group:default/team-ai'])).toBe(
      false,
    );
  });

  it('refuses everyone on a resource nobody owns', () => {
    expect(isOwnedBy(unowned, ['group:default/team-web'])).toBe(false);
  });
});

describe('describeRefusedResources', () => {
  it('names the owners of each refused resource and the unowned ones', () => {
    const resources = ownersOfArns(
      [CLUSTER_AI, 'arn:aws:iam::123456789012:root'],
      catalog,
    );
    expect(describeRefusedResources(resources)).toBe(
      `${CLUSTER_AI} is owned by group:default/team-ai; no catalog entity lists arn:aws:iam::123456789012:root, so no team owns it`,
    );
  });
});
