export { CatalogOwnershipResolver } from './OwnershipResolver';
export type { OwnershipResolver } from './OwnershipResolver';
export {
  isResourceOwnerRule,
  prodHardeningPermissionRules,
  prodHardeningResourceRef,
} from './rules';
export type { OwnedResourceQuery } from './rules';
