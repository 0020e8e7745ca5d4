/**
 * Backstage frontend plugin for AWS production hardening. The new-frontend-system
 * plugin is the default export of `@prod-hardening/plugin-prod-hardening/alpha`.
 *
 * @packageDocumentation
 */
export { prodHardeningPlugin, ProdHardeningPage } from './plugin';
export { prodHardeningApiRef, ProdHardeningClient } from './api';
export type { ProdHardeningApi } from './api';
