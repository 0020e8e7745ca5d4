import {
  componentEntityV1alpha1Validator,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  AccountScope,
  cloudTrailArn,
  dynamoTableArn,
  ecsClusterArn,
  ecsServiceArn,
  elastiCacheReplicationGroupArn,
  lambdaFunctionArn,
  rdsInstanceArn,
  s3BucketArn,
  sqsQueueArn,
} from './seed/arns';
import { loadResourceNames, ResourceNames } from './seed';
import { storyBuckets } from './seed/steps/s3';
import { LEDGER_AGENTS } from './seed/steps/aiCostLedger';

/**
 * The seeded account's catalog (catalog/huntaze.yaml) is what a person sees as "who owns
 * what". These tests keep it valid for Backstage and in step with what the seed creates:
 * an entity that names a resource the seed does not make, or a seeded resource nobody
 * owns, fails here instead of as an empty entity page.
 */
const REPO_ROOT = resolve(__dirname, '..', '..');
const ARNS_ANNOTATION = 'prod-hardening.io/aws-arns';

const entities: Entity[] = parseAllDocuments(
  readFileSync(resolve(REPO_ROOT, 'catalog', 'huntaze.yaml'), 'utf8'),
).map(doc => doc.toJS() as Entity);

const appConfig = parse(
  readFileSync(resolve(REPO_ROOT, 'app-config.yaml'), 'utf8'),
) as any;
const scope: AccountScope = {
  accountId: appConfig.prodHardening.aws.accountId,
  region: appConfig.prodHardening.aws.region,
};

const refOf = (entity: Entity) => stringifyEntityRef(entity);
const byRef = new Map(entities.map(entity => [refOf(entity), entity]));

function arnsOf(entity: Entity): string[] {
  const value = entity.metadata.annotations?.[ARNS_ANNOTATION];
  return value ? value.split(',').map(arn => arn.trim()) : [];
}

/** Every ARN the seed creates that an entity of the catalog should own. */
function seededArns(names: ResourceNames): string[] {
  return [
    ...names.ecsClusters.map(cluster => ecsClusterArn(scope, cluster)),
    ...names.ecsServices.map(({ cluster, service }) =>
      ecsServiceArn(scope, cluster, service),
    ),
    ...Object.values(names.queues).map(queue => sqsQueueArn(scope, queue)),
    ...Object.values(names.tables).map(table => dynamoTableArn(scope, table)),
    elastiCacheReplicationGroupArn(scope, names.redisReplicationGroupId),
    rdsInstanceArn(scope, names.rdsInstanceId),
    cloudTrailArn(scope, names.cloudTrailName),
    lambdaFunctionArn(scope, names.rateLimiterFunctionName),
    ...storyBuckets(scope.accountId).map(bucket => s3BucketArn(bucket.name)),
  ];
}

/** A ref as written in a spec field: kind and namespace may be implied. */
function absoluteRef(
  ref: string,
  defaultKind: string,
  namespace = 'default',
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
  );
}

describe('the seeded catalog (catalog/huntaze.yaml)', () => {
  const validators: Record<string, { check(data: unknown): Promise<boolean> }> =
    {
      Component: componentEntityV1alpha1Validator,
      Group: groupEntityV1alpha1Validator,
      Resource: resourceEntityV1alpha1Validator,
      System: systemEntityV1alpha1Validator,
      User: userEntityV1alpha1Validator,
    };
  const policies = EntityPolicies.allOf([
    new SchemaValidEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
  ]);

  it.each(entities.map(entity => [refOf(entity), entity] as const))(
    '%s is a valid entity of its kind',
    async (_ref, entity) => {
      await expect(policies.enforce(entity)).resolves.toBeDefined();
      const validator = validators[entity.kind];
      expect(validator).toBeDefined();
      await expect(validator.check(entity)).resolves.toBe(true);
    },
  );

  it('has no two entities with the same ref', () => {
    expect(byRef.size).toBe(entities.length);
  });

  it('has the System, the three ECS services and the rate-limiter Lambda', () => {
    expect(byRef.get('system:default/huntaze')).toBeDefined();
    for (const component of ['web', 'workers', 'ai', 'rate-limiter']) {
      const entity = byRef.get(`component:default/${component}`);
      expect(entity?.spec?.system).toBe('huntaze');
    }
  });

  it('every owner, parent, member, system and dependency names an entity in the file', () => {
    const dangling: string[] = [];
    const expectRef = (from: Entity, ref: string, defaultKind: string) => {
      const target = absoluteRef(ref, defaultKind);
      if (!byRef.has(target)) dangling.push(`${refOf(from)} → ${target}`);
    };
    for (const entity of entities) {
      const spec = (entity.spec ?? {}) as Record<string, any>;
      if (spec.owner) expectRef(entity, spec.owner, 'group');
      if (spec.system) expectRef(entity, spec.system, 'system');
      if (spec.parent) expectRef(entity, spec.parent, 'group');
      for (const ref of spec.dependsOn ?? [])
        expectRef(entity, ref, 'resource');
      for (const ref of spec.children ?? []) expectRef(entity, ref, 'group');
      for (const ref of spec.members ?? []) expectRef(entity, ref, 'user');
      for (const ref of spec.memberOf ?? []) expectRef(entity, ref, 'group');
    }
    expect(dangling).toEqual([]);
  });

  it('group members and user memberships agree', () => {
    const mismatches: string[] = [];
    for (const group of entities.filter(e => e.kind === 'Group')) {
      for (const member of ((group.spec as any).members ?? []) as string[]) {
        const user = byRef.get(absoluteRef(member, 'user'));
        const memberOf = ((user?.spec as any)?.memberOf ?? []).map(
          (ref: string) => absoluteRef(ref, 'group'),
        );
        if (!memberOf.includes(refOf(group)))
          mismatches.push(`${member} ∉ ${refOf(group)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every annotated ARN is a resource the seed creates, in the configured account and region', async () => {
    const names = await loadResourceNames(
      resolve(REPO_ROOT, 'app-config.yaml'),
    );
    const seeded = new Set(seededArns(names));
    const unknown = entities
      .flatMap(entity => arnsOf(entity).map(arn => ({ entity, arn })))
      .filter(({ arn }) => !seeded.has(arn))
      .map(({ entity, arn }) => `${refOf(entity)}: ${arn}`);
    expect(unknown).toEqual([]);
  });

  it('every seeded resource belongs to exactly one entity', async () => {
    const names = await loadResourceNames(
      resolve(REPO_ROOT, 'app-config.yaml'),
    );
    const owners = new Map<string, string[]>();
    for (const entity of entities) {
      for (const arn of arnsOf(entity)) {
        owners.set(arn, [...(owners.get(arn) ?? []), refOf(entity)]);
      }
    }
    const problems = seededArns(names)
      .filter(arn => owners.get(arn)?.length !== 1)
      .map(arn => `${arn}: ${owners.get(arn)?.join(', ') ?? 'no entity'}`);
    expect(problems).toEqual([]);
  });

  it('the AI component maps exactly the agents of the seeded AI cost ledger', () => {
    const agents = byRef
      .get('component:default/ai')
      ?.metadata.annotations?.['prod-hardening.io/ai-agent']?.split(',')
      .map(agent => agent.trim());
    expect([...(agents ?? [])].sort()).toEqual(
      LEDGER_AGENTS.map(a => a.agent).sort(),
    );
  });

  it('only the rate-limiter component is marked as the rate limiter', () => {
    const marked = entities
      .filter(
        entity =>
          entity.metadata.annotations?.['prod-hardening.io/rate-limiter'] ===
          'true',
      )
      .map(refOf);
    expect(marked).toEqual(['component:default/rate-limiter']);
  });

  it('the local guest is a member of every group that may remediate', () => {
    const guest = byRef.get('user:default/guest');
    const memberOf = ((guest?.spec as any)?.memberOf ?? []).map((ref: string) =>
      absoluteRef(ref, 'group'),
    );
    for (const group of appConfig.prodHardening.permissions.remediators
      .groups as string[]) {
      expect(memberOf).toContain(group);
    }
  });

  it('the development config registers this file and app-config allows its kinds', () => {
    const development = parse(
      readFileSync(resolve(REPO_ROOT, 'app-config.development.yaml'), 'utf8'),
    ) as any;
    const targets = development.catalog.locations.map((location: any) =>
      resolve(REPO_ROOT, 'packages', 'backend', location.target),
    );
    expect(targets).toContain(resolve(REPO_ROOT, 'catalog', 'huntaze.yaml'));
    const allowed = appConfig.catalog.rules.flatMap((rule: any) => rule.allow);
    for (const kind of new Set(entities.map(entity => entity.kind))) {
      expect(allowed).toContain(kind);
    }
  });
});
