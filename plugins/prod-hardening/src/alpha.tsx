import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SecurityIcon from '@mui/icons-material/Security';
import { prodHardeningApiRef, ProdHardeningClient } from './api';
import { isProdHardeningAvailable } from './utils/entities';

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

/** The overview card on Component, Resource, System and Group pages that have a mapping. */
const entityCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isProdHardeningAvailable,
    loader: () =>
      import('./components/EntityViews').then(m => (
        <m.EntityProdHardeningCard />
      )),
  },
});

/** The entity tab: the posture, cost and throttling sections. */
const entityContent = EntityContentBlueprint.make({
  name: 'entity',
  params: {
    path: '/prod-hardening',
    title: 'Prod hardening',
    filter: isProdHardeningAvailable,
    loader: () =>
      import('./components/EntityViews').then(m => (
        <m.EntityProdHardeningContent />
      )),
  },
});

/**
 * The plugin for apps on the new frontend system: the page at /prod-hardening (with
 * its sidebar entry, from the page's title and icon), the API client, and on entity
 * pages the overview card and the "Prod hardening" tab.
 */
export default createFrontendPlugin({
  pluginId: 'prod-hardening',
  title: 'Prod hardening',
  icon: <SecurityIcon fontSize="inherit" />,
  routes: { root: rootRouteRef },
  extensions: [prodHardeningApi, prodHardeningPage, entityCard, entityContent],
});
