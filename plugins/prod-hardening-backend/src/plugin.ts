import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { prodHardeningPermissions } from '@prod-hardening/plugin-prod-hardening-common';
import { DefaultAwsClientFactory } from './aws';
import { readProdHardeningConfig } from './config';
import { createRedisConnection } from './redis';
import { createRouter } from './router';
import { DefaultHealthService } from './services/HealthService';
import { buildCheckRunners } from './services/posture/checkRunners';
import { PostureCheckEngine } from './services/posture/PostureCheckEngine';
import { PostureService } from './services/posture/PostureService';
import { createPostureSources } from './services/posture/sources';
import { AccountIdentitySource } from './sources/accountIdentity';
import { RedisPingSource } from './sources/redisPing';

/**
 * The prod-hardening backend plugin. Wiring only: configuration is read once, the
 * AWS and Redis clients are built by their factories, and the router gets services.
 */
export const prodHardeningPlugin = createBackendPlugin({
  pluginId: 'prod-hardening',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        permissionsRegistry: coreServices.permissionsRegistry,
        permissions: coreServices.permissions,
        httpAuth: coreServices.httpAuth,
      },
      async init({ rootConfig, logger, httpRouter, lifecycle, permissionsRegistry, permissions, httpAuth }) {
        const config = readProdHardeningConfig(rootConfig);
        const aws = DefaultAwsClientFactory.fromConfig(config);
        const redis = createRedisConnection(config.redis, logger);
        lifecycle.addShutdownHook(async () => {
          aws.destroy();
          await redis.close();
        });

        permissionsRegistry.addPermissions(prodHardeningPermissions);

        const health = new DefaultHealthService({
          identity: new AccountIdentitySource(aws),
          redis: new RedisPingSource(redis),
          expectedAccountId: config.aws.accountId,
          region: config.aws.region,
          endpoint: config.aws.endpoint,
        });

        const postureSources = createPostureSources(aws);
        const posture = new PostureService({
          engine: new PostureCheckEngine({
            runners: buildCheckRunners(postureSources, config),
            accountId: config.aws.accountId,
            region: config.aws.region,
            endpoint: config.aws.endpoint,
          }),
          securityHub: postureSources.securityHub,
          endpoint: config.aws.endpoint,
        });

        httpRouter.use(await createRouter({ health, posture, permissions, httpAuth }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({ path: '/openapi.json', allow: 'unauthenticated' });
        logger.info(
          `prod-hardening watching account ${config.aws.accountId} in ${config.aws.region}` +
            (config.aws.endpoint ? ` through ${config.aws.endpoint}` : ''),
        );
      },
    });
  },
});
