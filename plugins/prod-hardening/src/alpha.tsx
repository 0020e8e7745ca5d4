import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import SecurityIcon from '@mui/icons-material/Security';
import { prodHardeningApiRef, ProdHardeningClient } from './api';

const rootRouteRef = createRouteRef();

const prodHardeningApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: prodHardeningApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ProdHardeningClient(deps),
    }),
});

const prodHardeningPage = PageBlueprint.make({
  params: {
    path: '/prod-hardening',
    title: 'Prod hardening',
    icon: <SecurityIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/ProdHardeningPage').then(m => (
        <m.ProdHardeningPage />
      )),
  },
});

/**
 * The plugin for apps on the new frontend system: the page at /prod-hardening (with
 * its sidebar entry, from the page's title and icon) and the API client.
 */
export default createFrontendPlugin({
  pluginId: 'prod-hardening',
  title: 'Prod hardening',
  icon: <SecurityIcon fontSize="inherit" />,
  routes: { root: rootRouteRef },
  extensions: [prodHardeningApi, prodHardeningPage],
});
