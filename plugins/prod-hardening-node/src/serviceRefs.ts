import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultFinOpsService } from './DefaultFinOpsService';
import { DefaultPostureService } from './DefaultPostureService';
import { ProdHardeningApi } from './ProdHardeningApi';
import type { FinOpsService, PostureService } from './types';

// The default factories build HTTP clients of the prod-hardening backend, never the
// services themselves: a plugin-scoped instance in the consuming plugin would be a
// second evaluator with its own database, caches and AWS polling.

/**
 * The prod-hardening posture, for other backend plugins and modules. The default
 * implementation reads it from the prod-hardening backend with the consuming
 * plugin's service credentials.
 *
 * @public
 */
export const postureServiceRef = createServiceRef<PostureService>({
  id: 'prod-hardening.posture',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory: ({ auth, discovery }) =>
        new DefaultPostureService(new ProdHardeningApi({ auth, discovery })),
    }),
});

/**
 * The prod-hardening FinOps reports, for other backend plugins and modules; read
 * from the prod-hardening backend like {@link postureServiceRef}.
 *
 * @public
 */
export const finOpsServiceRef = createServiceRef<FinOpsService>({
  id: 'prod-hardening.finops',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      factory: ({ auth, discovery }) =>
        new DefaultFinOpsService(new ProdHardeningApi({ auth, discovery })),
    }),
});
