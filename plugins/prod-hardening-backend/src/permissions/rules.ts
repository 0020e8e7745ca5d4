import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  IS_RESOURCE_OWNER_RULE,
  IsResourceOwnerParams,
  PROD_HARDENING_RESOURCE_TYPE,
} from '@prod-hardening/plugin-prod-hardening-common';
import { z } from 'zod';
import { isOwnedBy, OwnedResource } from '../domain/ownership';

/** The query form of the ownership rule: resources whose owners include one of these. */
export interface OwnedResourceQuery {
  ownerRefs: string[];
}

/** The portal's resource type: ARNs and entity refs with their catalog owners. */
export const prodHardeningResourceRef = createPermissionResourceRef<
  OwnedResource,
  OwnedResourceQuery
>().with({
  pluginId: 'prod-hardening',
  resourceType: PROD_HARDENING_RESOURCE_TYPE,
});

const claimsSchema = z
  .object({ claims: z.array(z.string().min(1).max(512)).max(1000) })
  .strict();

/**
 * The rule's params as a Standard Schema with its JSON Schema (what the permission
 * framework validates conditions with and shows policy authors): zod checks them,
 * the JSON Schema is written out because this zod version cannot produce one.
 */
const isResourceOwnerParams = {
  '~standard': {
    version: 1 as const,
    vendor: 'prod-hardening',
    validate(value: unknown) {
      const parsed = claimsSchema.safeParse(value);
      return parsed.success
        ? { value: parsed.data as IsResourceOwnerParams }
        : {
            issues: parsed.error.issues.map(issue => ({
              message: issue.message,
              path: issue.path,
            })),
          };
    },
    jsonSchema: {
      input: () => CLAIMS_JSON_SCHEMA,
      output: () => CLAIMS_JSON_SCHEMA,
    },
  },
};

const CLAIMS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description:
        'User and group entity refs, e.g. the ownershipEntityRefs of the caller',
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

/**
 * IS_RESOURCE_OWNER: one of the resource's owners (the owners of the catalog entities
 * that list it) is in `claims`, the caller's ownership refs. A resource no entity
 * lists has no owner and never matches, so an unmapped resource is nobody's to change.
 */
export const isResourceOwnerRule = createPermissionRule<
  typeof prodHardeningResourceRef,
  IsResourceOwnerParams
>({
  name: IS_RESOURCE_OWNER_RULE,
  description:
    'Allow resources owned by one of the given claims (the owners of the catalog entities that list the resource)',
  resourceRef: prodHardeningResourceRef,
  paramsSchema: isResourceOwnerParams,
  apply: (resource, { claims }) => isOwnedBy(resource, claims),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

export const prodHardeningPermissionRules = [isResourceOwnerRule];
