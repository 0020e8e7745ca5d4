/**
 * Backstage frontend plugin for AWS production hardening. The new-frontend-system
 * plugin is the default export of `@prod-hardening/plugin-prod-hardening/alpha`.
 *
 * @packageDocumentation
 */
export {
  prodHardeningPlugin,
  ProdHardeningPage,
  EntityProdHardeningCard,
  EntityProdHardeningContent,
} from './plugin';
export { isProdHardeningAvailable } from './utils/entities';
export { prodHardeningApiRef, ProdHardeningClient } from './api';
export type { EntityReference, ProdHardeningApi } from './api';
