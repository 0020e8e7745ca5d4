import type { EntityAwsMapping } from '@prod-hardening/plugin-prod-hardening-common';

/** Decides whether a resource, as a check or a finding names it, is one of an entity's. */
export interface ResourceMatcher {
  matches(resourceId: string, tags?: Record<string, string>): boolean;
  /** True when the mapping can select any resource at all. */
  readonly selectsResources: boolean;
}

/**
 * The names a resource goes by besides its ARN. Checks name some resources by ARN and
 * others by name (a table, a bucket, a parameter group) or, for SQS, by queue URL; the
 * resource part after the type is that name (`table/x` → `x`, `service/c/s` → `c/s`,
 * `replicationgroup:r` → `r`, `arn:aws:s3:::bucket` → `bucket`).
 */
export function namesOfArn(arn: string): string[] {
  const parts = arn.split(':');
  if (parts.length < 6) return [];
  const resource = parts.slice(5).join(':');
  const service = parts[2];
  if (service === 's3' || service === 'sqs') return [resource];
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  const cut = slash < 0 ? colon : colon < 0 ? slash : Math.min(slash, colon);
  return cut < 0 ? [resource] : [resource.slice(cut + 1)];
}

/** The name an SQS queue URL ends with (https://sqs.region.amazonaws.com/account/name). */
function lastPathSegment(id: string): string | undefined {
  if (!/^https?:\/\//.test(id)) return undefined;
  const path = id.replace(/\/+$/, '').split('/');
  return path[path.length - 1];
}

export function createResourceMatcher(
  mapping: Pick<EntityAwsMapping, 'arns' | 'resourceTagSets'>,
): ResourceMatcher {
  const ids = new Set<string>();
  for (const arn of mapping.arns) {
    ids.add(arn);
    for (const name of namesOfArn(arn)) ids.add(name);
  }
  const tagSets = mapping.resourceTagSets.filter(set => set.length > 0);
  return {
    selectsResources: ids.size > 0 || tagSets.length > 0,
    matches(resourceId, tags) {
      if (ids.has(resourceId)) return true;
      const urlName = lastPathSegment(resourceId);
      if (urlName !== undefined && ids.has(urlName)) return true;
      return (
        tags !== undefined &&
        tagSets.some(set => set.every(({ key, value }) => tags[key] === value))
      );
    },
  };
}
