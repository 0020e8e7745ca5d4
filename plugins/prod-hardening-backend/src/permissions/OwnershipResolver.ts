import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { parseEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AWS_PLUGIN_ANNOTATIONS,
  PROD_HARDENING_ANNOTATIONS,
} from '@prod-hardening/plugin-prod-hardening-common';
import {
  entityAsResource,
  OwnedResource,
  ownersOfArns,
} from '../domain/ownership';

/** Finds who owns a resource: the permission framework's `getResources`. */
export interface OwnershipResolver {
  /**
   * One answer per ref, in order: an ARN with the owners of the entities that list it
   * (none when no entity does), an entity ref with its owners, or undefined for a ref
   * that is neither (or an entity that does not exist).
   */
  resolve(refs: string[]): Promise<Array<OwnedResource | undefined>>;
}

/** The annotations that list ARNs: what ownership of an AWS resource follows. */
const ARN_ANNOTATIONS = [
  PROD_HARDENING_ANNOTATIONS.awsArns,
  AWS_PLUGIN_ANNOTATIONS.ecsServiceArn,
];

/**
 * Resolves ownership from the catalog with the plugin's own credentials: who owns a
 * resource must not depend on which entities the caller may see.
 */
export class CatalogOwnershipResolver implements OwnershipResolver {
  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntities' | 'getEntityByRef'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
    },
  ) {}

  async resolve(refs: string[]): Promise<Array<OwnedResource | undefined>> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const arns = refs.filter(isArn);
    const owned = new Map<string, OwnedResource>();
    if (arns.length > 0) {
      for (const resource of ownersOfArns(
        arns,
        await this.entitiesListingArns(credentials),
      )) {
        owned.set(resource.ref, resource);
      }
    }
    return Promise.all(
      refs.map(async ref =>
        isArn(ref) ? owned.get(ref) : this.entity(ref, credentials),
      ),
    );
  }

  private async entitiesListingArns(credentials: BackstageCredentials) {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: ARN_ANNOTATIONS.map(annotation => ({
          [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
        })),
      },
      { credentials },
    );
    return items;
  }

  private async entity(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<OwnedResource | undefined> {
    let parsed;
    try {
      parsed = parseEntityRef(ref);
    } catch {
      return undefined;
    }
    const entity = await this.deps.catalog.getEntityByRef(parsed, {
      credentials,
    });
    return entity ? entityAsResource(entity) : undefined;
  }
}

function isArn(ref: string): boolean {
  return ref.startsWith('arn:');
}
