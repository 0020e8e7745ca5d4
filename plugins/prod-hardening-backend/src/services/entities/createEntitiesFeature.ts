import {
  EntitySummaryService,
  EntitySummarySources,
} from './EntitySummaryService';

/** An entity's posture, cost and throttling, narrowed from the account-wide features. */
export function createEntitiesFeature(sources: EntitySummarySources): {
  entities: EntitySummaryService;
} {
  return { entities: new EntitySummaryService(sources) };
}
