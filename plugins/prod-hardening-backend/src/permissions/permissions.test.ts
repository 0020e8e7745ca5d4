import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  createProdHardeningConditionalDecision,
  isResourceOwner,
  prodHardeningResourceRemediatePermission,
} from '@prod-hardening/plugin-prod-hardening-common';
import { seededCatalogEntities } from '../testUtils/seededCatalog';
import { CatalogOwnershipResolver } from './OwnershipResolver';
import { isResourceOwnerRule } from './rules';

const AI_COSTS =
  'arn:aws:dynamodb:us-east-1:123456789012:table/huntaze-ai-costs-production';
const WEB_CLUSTER =
  'arn:aws:ecs:us-east-1:123456789012:cluster/huntaze-web-production';

const resolver = new CatalogOwnershipResolver({
  catalog: catalogServiceMock({ entities: seededCatalogEntities() }),
  auth: mockServices.auth(),
});

describe('CatalogOwnershipResolver on the seeded catalog', () => {
  it('resolves ARNs to the owners of the entities listing them, and entity refs to theirs', async () => {
    const [costs, web, account, group, missing, junk] = await resolver.resolve([
      AI_COSTS,
      WEB_CLUSTER,
      'arn:aws:iam::123456789012:root',
      'group:default/team-web',
      'component:default/nope',
      'not a ref',
    ]);
    expect(costs).toEqual({
      ref: AI_COSTS,
      entityRefs: ['resource:default/ai-costs'],
      ownerRefs: ['group:default/finops'],
    });
    expect(web?.ownerRefs).toEqual(['group:default/team-web']);
    expect(account).toEqual({
      ref: 'arn:aws:iam::123456789012:root',
      entityRefs: [],
      ownerRefs: [],
    });
    expect(group?.ownerRefs).toEqual(['group:default/team-web']);
    expect(missing).toBeUndefined();
    expect(junk).toBeUndefined();
  });
});

describe('IS_RESOURCE_OWNER through the permission framework', () => {
  const authorize = createConditionAuthorizer([isResourceOwnerRule]);
  const decisionFor = (claims: string[]) =>
    createProdHardeningConditionalDecision(
      prodHardeningResourceRemediatePermission,
      isResourceOwner(claims),
    );
  const finops = ['user:default/fiona', 'group:default/finops'];
  const web = ['user:default/wendy', 'group:default/team-web'];

  it('allows the owner, refuses another team and an unowned or unknown resource', async () => {
    const [costs, account] = await resolver.resolve([
      AI_COSTS,
      'arn:aws:iam::123456789012:root',
    ]);
    expect(authorize(decisionFor(finops), costs)).toBe(true);
    expect(authorize(decisionFor(web), costs)).toBe(false);
    expect(authorize(decisionFor(finops), account)).toBe(false);
    expect(authorize(decisionFor(finops), undefined)).toBe(false);
  });

  it('validates its params as the framework reads them', () => {
    const validate = (value: unknown) =>
      (isResourceOwnerRule.paramsSchema as any)['~standard'].validate(value);
    expect(validate({ claims: ['group:default/finops'] })).toEqual({
      value: { claims: ['group:default/finops'] },
    });
    expect(validate({ claims: 'group:default/finops' }).issues).toHaveLength(1);
    expect(validate({ claims: [], extra: 1 }).issues).toHaveLength(1);
  });
});
