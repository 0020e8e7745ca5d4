import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { resolveEntityAnnotations } from '@prod-hardening/plugin-prod-hardening-common';
import { createResourceMatcher } from '../entities/resourceMatcher';

/**
 * Something the portal changes or shows, with who owns it: an AWS resource (by ARN)
 * with the catalog entities whose annotations list it, or a catalog entity itself.
 * The IS_RESOURCE_OWNER rule is evaluated on this.
 */
export interface OwnedResource {
  /** The resource ref as asked: an ARN or an entity ref. */
  ref: string;
  /** The catalog entities that list the ARN (or the entity itself). */
  entityRefs: string[];
  /** The owners of those entities: group or user entity refs. Empty: nobody owns it. */
  ownerRefs: string[];
}

/**
 * An entity's owners: its ownedBy relations (what the catalog derives from
 * spec.owner), or spec.owner itself when the relations are missing. A Group or User
 * also counts as owned by itself, so its members may see its own page.
 */
export function ownersOfEntity(entity: Entity): string[] {
  const namespace = entity.metadata.namespace ?? 'default';
  const owners = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type === RELATION_OWNED_BY) owners.add(relation.targetRef);
  }
  const specOwner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (owners.size === 0 && typeof specOwner === 'string') {
    try {
      owners.add(
        stringifyEntityRef(
          parseEntityRef(specOwner, {
            defaultKind: 'group',
            defaultNamespace: namespace,
          }),
        ),
      );
    } catch {
      // A malformed owner owns nothing: the entity stays unowned.
    }
  }
  const kind = entity.kind.toLowerCase();
  if (kind === 'group' || kind === 'user')
    owners.add(stringifyEntityRef(entity));
  return [...owners].sort();
}

/**
 * The owners of each ARN: the owners of every entity whose ARN annotations list it
 * (`prod-hardening.io/aws-arns`, `aws.amazon.com/amazon-ecs-service-arn`), matched by
 * ARN or by the name a check uses for it. Resources chosen by tags are not matched:
 * a change is authorised on what the catalog names, not on tags AWS reports later.
 */
export function ownersOfArns(
  arns: string[],
  entities: Entity[],
): OwnedResource[] {
  const listing = entities.map(entity => ({
    entityRef: stringifyEntityRef(entity),
    owners: ownersOfEntity(entity),
    matcher: createResourceMatcher({
      arns: resolveEntityAnnotations(entity).mapping.arns,
      resourceTagSets: [],
    }),
  }));
  return arns.map(ref => {
    const listedBy = listing.filter(l => l.matcher.matches(ref));
    return {
      ref,
      entityRefs: listedBy.map(l => l.entityRef).sort(),
      ownerRefs: [...new Set(listedBy.flatMap(l => l.owners))].sort(),
    };
  });
}

/** An entity as a resource: owned by its owners (and, for a Group or User, itself). */
export function entityAsResource(entity: Entity): OwnedResource {
  return {
    ref: stringifyEntityRef(entity),
    entityRefs: [stringifyEntityRef(entity)],
    ownerRefs: ownersOfEntity(entity),
  };
}

/** True when one of the resource's owners is among the caller's claims. */
export function isOwnedBy(resource: OwnedResource, claims: string[]): boolean {
  return resource.ownerRefs.some(owner => claims.includes(owner));
}

/**
 * Why a change to these resources was refused, in one sentence: which resources have
 * no owner in the catalog, and which belong to someone else.
 */
export function describeRefusedResources(resources: OwnedResource[]): string {
  const unowned = resources.filter(r => r.ownerRefs.length === 0);
  const others = resources.filter(r => r.ownerRefs.length > 0);
  const parts: string[] = [];
  if (others.length > 0) {
    parts.push(
      others
        .map(r => `${r.ref} is owned by ${r.ownerRefs.join(' and ')}`)
        .join('; '),
    );
  }
  if (unowned.length > 0) {
    parts.push(
      `no catalog entity lists ${unowned
        .map(r => r.ref)
        .join(', ')}, so no team owns ${unowned.length === 1 ? 'it' : 'them'}`,
    );
  }
  return parts.join('; ');
}
