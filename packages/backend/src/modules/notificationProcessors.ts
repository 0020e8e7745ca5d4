import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

/**
 * Backstage's email and Slack notification processors, each installed only when its
 * `notifications.processors.*` configuration is present: the email module refuses to
 * start without its settings, and a deployment without Slack needs no token.
 */
export const notificationProcessorsLoader = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (config.has('notifications.processors.email')) {
      yield import('@backstage/plugin-notifications-backend-module-email');
    }
    if (config.has('notifications.processors.slack')) {
      yield import('@backstage/plugin-notifications-backend-module-slack');
    }
  },
});
