import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const CATALOG_FILE = resolve(
  __dirname,
  '../../../../catalog/huntaze.yaml',
);

/**
 * The seeded account's catalog (catalog/huntaze.yaml) as the catalog serves it: with the
 * ownedBy and partOf relations its processors derive from spec.owner and spec.system,
 * which the in-memory catalog of the tests does not compute. `extra` entities are added
 * as written (plus the same relations).
 */
export function seededCatalogEntities(extra: Entity[] = []): Entity[] {
  const written = parseAllDocuments(readFileSync(CATALOG_FILE, 'utf8')).map(
    doc => doc.toJS() as Entity,
  );
  return [...written, ...extra].map(withRelations);
}

function withRelations(entity: Entity): Entity {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as { owner?: string; system?: string };
  const relation = (type: string, ref: string, defaultKind: string) => ({
    type,
    targetRef: stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
    ),
  });
  const relations = [
    ...(spec.owner ? [relation('ownedBy', spec.owner, 'group')] : []),
    ...(spec.system ? [relation('partOf', spec.system, 'system')] : []),
  ];
  return {
    ...entity,
    metadata: { ...entity.metadata, namespace },
    relations,
  };
}

/**
 * Backstage's user info for the seeded catalog's users, as sign-in resolves them: the
 * user and the groups of its spec.memberOf (a user not in the catalog has only itself).
 */
export const seededUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => {
    const memberOf = new Map(
      seededCatalogEntities()
        .filter(e => e.kind === 'User')
        .map(e => [
          stringifyEntityRef(e),
          ((e.spec?.memberOf ?? []) as string[]).map(group =>
            stringifyEntityRef(
              parseEntityRef(group, {
                defaultKind: 'group',
                defaultNamespace: 'default',
              }),
            ),
          ),
        ]),
    );
    return {
      async getUserInfo(credentials: any) {
        const userEntityRef = credentials.principal.userEntityRef as string;
        return {
          userEntityRef,
          ownershipEntityRefs: [
            userEntityRef,
            ...(memberOf.get(userEntityRef) ?? []),
          ],
        };
      },
    };
  },
});
