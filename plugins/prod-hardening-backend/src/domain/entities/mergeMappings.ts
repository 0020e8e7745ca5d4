import type {
  EntityAwsMapping,
  ResourceTag,
} from '@prod-hardening/plugin-prod-hardening-common';

const setKey = (set: ResourceTag[]) =>
  JSON.stringify([...set].sort((a, b) => a.key.localeCompare(b.key)));

function uniqueSets(sets: ResourceTag[][]): ResourceTag[][] {
  const seen = new Map<string, ResourceTag[]>();
  for (const set of sets) seen.set(setKey(set), set);
  return [...seen.values()];
}

/** One mapping for a roll-up: every member's resources, tags and agents, once each. */
export function mergeMappings(mappings: EntityAwsMapping[]): EntityAwsMapping {
  return {
    arns: [...new Set(mappings.flatMap(m => m.arns))],
    resourceTagSets: uniqueSets(mappings.flatMap(m => m.resourceTagSets)),
    costTagSets: uniqueSets(mappings.flatMap(m => m.costTagSets)),
    costCategorySets: uniqueSets(mappings.flatMap(m => m.costCategorySets)),
    rateLimiter: mappings.some(m => m.rateLimiter),
    aiAgents: [...new Set(mappings.flatMap(m => m.aiAgents))],
  };
}
