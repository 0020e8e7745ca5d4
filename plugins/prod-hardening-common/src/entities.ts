/**
 * GET /entities/{kind}/{namespace}/{name}/summary. The wire types are the contract's
 * (openapi.yaml: EntitySummary and its parts).
 */
export type {
  EntityAiCost,
  EntityAnnotationProblem,
  EntityCost,
  EntityPosture,
  EntitySummary,
  EntitySummaryMember,
  EntityThrottling,
} from './schema/openapi';

/** Findings listed in an entity summary; the counts cover all of them. */
export const ENTITY_FINDINGS_LIMIT = 50;
