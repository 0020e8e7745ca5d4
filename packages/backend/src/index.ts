import { createBackend } from '@backstage/backend-defaults';
import { notificationProcessorsLoader } from './modules/notificationProcessors';
import { permissionPolicyModule } from './modules/permissionPolicyModule';
import { checkProductionConfig } from './startup/checkProductionConfig';
import { isProductionRuntime } from './startup/productionReadiness';

async function main() {
  const production = isProductionRuntime(process.env);
  if (production) {
    // Fail closed: an unsafe production configuration stops here, with one message
    // naming every key to fix. Not in a plugin's init: the root HTTP server already
    // listens by then (it answers readiness with 503 while plugins start).
    await checkProductionConfig(process.argv);
  }

  const backend = createBackend();

  // Serves the built frontend (packages/app) when it exists.
  backend.add(import('@backstage/plugin-app-backend'));

  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
  // Guest sign-in exists only outside production (NODE_ENV !== production); its
  // settings are in app-config.development.yaml, which production never loads.
  if (!production) {
    backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  }

  // The software catalog: who owns what. Entity pages, ownership and notifications
  // start from it; the local stack registers catalog/huntaze.yaml.
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-search-backend'));
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));

  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(permissionPolicyModule);

  // Notifications (with signals for live updates) reach the owners the portal finds
  // in the catalog; email and Slack are Backstage's processor modules, used only when
  // configured (docs/deploy.md).
  backend.add(import('@backstage/plugin-notifications-backend'));
  backend.add(import('@backstage/plugin-signals-backend'));
  backend.add(notificationProcessorsLoader);

  backend.add(import('@prod-hardening/plugin-prod-hardening-backend'));

  await backend.start();
}

main().catch(error => {
  // The message names config keys only, never their values.
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
