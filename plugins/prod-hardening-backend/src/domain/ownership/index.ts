export {
  describeRefusedResources,
  entityAsResource,
  isOwnedBy,
  ownersOfArns,
  ownersOfEntity,
} from './owners';
export type { OwnedResource } from './owners';
