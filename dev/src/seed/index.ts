export { seedDemoAccount, formatSeedSummary } from './seedDemoAccount';
export type { SeedOptions, SeedSummary } from './seedDemoAccount';
export { loadResourceNames, parseResourceNames } from './resources';
export type { ResourceNames } from './resources';
export { createSeedClients } from './clients';
export type { SeedClients, SeedClientOptions } from './clients';
export type { SeedContext, SeedStep, StepReport } from './context';
export { STORY_STEPS, POSTURE_STEPS, ACTIVITY_STEPS } from './steps';
export {
  buildCostAndUsageResult,
  buildUsageTypeResult,
  storyServiceCosts,
  storyUsageTypeCosts,
  storySavingsChangeDay,
  COST_SPIKE,
  STORY_SERVICES,
  STORY_USAGE_TYPES,
} from './steps/costExplorer';
