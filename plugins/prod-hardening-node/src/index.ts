/**
 * The prod-hardening posture and FinOps as services other Backstage backend plugins
 * and modules depend on through service refs. The default implementations are
 * clients of the prod-hardening backend (discovery + plugin-to-plugin tokens).
 *
 * @packageDocumentation
 */
export { postureServiceRef, finOpsServiceRef } from './serviceRefs';
export type {
  PostureService,
  PostureSummary,
  PostureTrendDays,
  FinOpsService,
  ProdHardeningRequestOptions,
} from './types';
export {
  DefaultPostureService,
  summarisePosture,
} from './DefaultPostureService';
export { DefaultFinOpsService } from './DefaultFinOpsService';
export { ProdHardeningApi, PROD_HARDENING_PLUGIN_ID } from './ProdHardeningApi';
export type { ProdHardeningApiOptions } from './ProdHardeningApi';
