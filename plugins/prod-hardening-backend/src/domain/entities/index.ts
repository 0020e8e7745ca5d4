export { aiCostOfAgents } from './aiCost';
export { checksOfEntity, entityPosture } from './entityPosture';
export { mergeMappings } from './mergeMappings';
export { createResourceMatcher, namesOfArn } from './resourceMatcher';
export type { ResourceMatcher } from './resourceMatcher';
