import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { prodHardeningApiRef, ProdHardeningClient } from './api';
import { rootRouteRef } from './routes';

/** The plugin for apps on the legacy frontend system (`createApp` from app-defaults). */
export const prodHardeningPlugin = createPlugin({
  id: 'prod-hardening',
  apis: [
    createApiFactory({
      api: prodHardeningApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ProdHardeningClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** Mount with `<Route path="/prod-hardening" element={<ProdHardeningPage />} />`. */
export const ProdHardeningPage = prodHardeningPlugin.provide(
  createRoutableExtension({
    name: 'ProdHardeningPage',
    component: () =>
      import('./components/ProdHardeningPage').then(m => m.ProdHardeningPage),
    mountPoint: rootRouteRef,
  }),
);
