import {
  createApiFactory,
  createComponentExtension,
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

/** The entity overview card (legacy system): wrap in `<EntitySwitch.Case if={isProdHardeningAvailable}>`. */
export const EntityProdHardeningCard = prodHardeningPlugin.provide(
  createComponentExtension({
    name: 'EntityProdHardeningCard',
    component: {
      lazy: () =>
        import('./components/EntityViews').then(m => m.EntityProdHardeningCard),
    },
  }),
);

/** The entity tab (legacy system): `<EntityLayout.Route path="/prod-hardening" ...>`. */
export const EntityProdHardeningContent = prodHardeningPlugin.provide(
  createComponentExtension({
    name: 'EntityProdHardeningContent',
    component: {
      lazy: () =>
        import('./components/EntityViews').then(
          m => m.EntityProdHardeningContent,
        ),
    },
  }),
);
