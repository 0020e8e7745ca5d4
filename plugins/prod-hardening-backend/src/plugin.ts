import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import { prodHardeningPermissions } from '@prod-hardening/plugin-prod-hardening-common';
import { DefaultAwsClientFactory } from './aws';
import { migrateDatabase } from './database';
import { readProdHardeningConfig } from './config';
import { createRedisConnection, onReadinessChange } from './redis';
import { createRouter } from './router';
import { DefaultHealthService } from './services/HealthService';
import { createApprovalsFeature } from './services/approvals/createApprovalsFeature';
import { createEntitiesFeature } from './services/entities/createEntitiesFeature';
import { createExemptionsFeature } from './services/exemptions/createExemptionsFeature';
import { createFinOpsFeature } from './services/finops';
import { createNotificationsFeature } from './services/notifications/createNotificationsFeature';
import { createPostureFeature } from './services/posture/createPostureFeature';
import { createPostureSources } from './services/posture/sources';
import {
  createRemediationDefinitions,
  createRemediationFeature,
} from './services/remediation/createRemediationFeature';
import type { RemediationService } from './services/remediation/RemediationService';
import { RemediationStore } from './services/remediation/RemediationStore';
import { createRunbooksFeature } from './services/runbooks/createRunbooksFeature';
import { createSuccessMetricsFeature } from './services/successMetrics/createSuccessMetricsFeature';
import { createThrottlingFeature } from './services/throttling';
import { AccountIdentitySource } from './sources/accountIdentity';
import { RedisPingSource } from './sources/redisPing';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  CatalogOwnershipResolver,
  prodHardeningPermissionRules,
  prodHardeningResourceRef,
} from './permissions';

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
        auth: coreServices.auth,
        database: coreServices.database,
        auditor: coreServices.auditor,
        userInfo: coreServices.userInfo,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        rootConfig,
        logger,
        httpRouter,
        lifecycle,
        permissionsRegistry,
        permissions,
        httpAuth,
        auth,
        database,
        auditor,
        userInfo,
        scheduler,
        catalog,
        notifications,
      }) {
        const config = readProdHardeningConfig(rootConfig);
        const aws = DefaultAwsClientFactory.fromConfig(config);
        const redis = createRedisConnection(config.redis, logger);
        lifecycle.addShutdownHook(async () => {
          aws.destroy();
          await redis.close();
        });

        // Ownership comes from the catalog: an AWS resource is owned by the owners of
        // the entities whose annotations list its ARN. The permission backend loads
        // resources through getResources to evaluate a policy's IS_RESOURCE_OWNER.
        const ownership = new CatalogOwnershipResolver({ catalog, auth });
        permissionsRegistry.addPermissions(
          prodHardeningPermissions.filter(p => !isResourcePermission(p)),
        );
        permissionsRegistry.addResourceType({
          resourceRef: prodHardeningResourceRef,
          permissions: prodHardeningPermissions.filter(p =>
            isResourcePermission(p),
          ),
          rules: prodHardeningPermissionRules,
          getResources: refs => ownership.resolve(refs),
        });

        const health = new DefaultHealthService({
          identity: new AccountIdentitySource(aws),
          redis: new RedisPingSource(redis),
          expectedAccountId: config.aws.accountId,
          region: config.aws.region,
          endpoint: config.aws.endpoint,
        });
        // /health reuses one probe for 30 s; when Redis connects or drops, that report
        // is wrong, so the next request probes again (once per transition, not per
        // request or reconnect attempt).
        onReadinessChange(redis.client, () => health.sourceChanged());

        const db = await database.getClient();
        // Every replica runs this at start; they queue on a lock (see migrateDatabase).
        if (!database.migrations?.skip) await migrateDatabase(db);
        // The change history: every feature that changes the account records in it.
        const history = new RemediationStore(db);

        // The features, in dependency order; each schedules its own tasks.
        const sources = createPostureSources(aws);
        const definitions = createRemediationDefinitions(aws, config, sources);
        const { posture, engine, changed } = await createPostureFeature({
          config,
          aws,
          db,
          scheduler,
          logger,
          sources,
          autoRemediable: new Set(definitions.map(r => r.checkId)),
        });
        const { exemptions } = await createExemptionsFeature({
          config,
          aws,
          db,
          scheduler,
          logger,
          auditor,
          history,
          posture,
          onChanged: changed,
        });
        const { finops, optimisation, anomalyFeedback } =
          await createFinOpsFeature({ config, aws, db, scheduler, logger });
        const throttling = await createThrottlingFeature({
          config,
          aws,
          redis,
          store: history,
          auditor,
        });
        const notices = await createNotificationsFeature({
          config,
          db,
          scheduler,
          logger,
          catalog,
          auth,
          notifications,
          posture,
          finops,
          throttling: throttling.throttling,
          exemptions,
        });
        // Approvals and remediation need each other: remediation asks the approvals
        // as its gate, and an approval asks which resources a plan changes. The
        // approvals are built first and read the remediation only when asked.
        const late: { remediation?: RemediationService } = {};
        const { approvals } = createApprovalsFeature({
          config,
          db,
          auditor,
          history,
          ownersOf: async planId => {
            if (!late.remediation) return [];
            const arns = await late.remediation.affectedResources(planId);
            const owned = await ownership.resolve(arns);
            return owned.flatMap(o => o?.ownerRefs ?? []);
          },
          onChanged: notices.approvalChanged,
        });
        const { remediation, guided } = createRemediationFeature({
          config,
          aws,
          db,
          auditor,
          definitions,
          sources,
          engine,
          posture,
          history,
          onChanged: changed,
          exemptionConflict: (checkId, resourceId) =>
            exemptions.remediationConflict(checkId, resourceId),
          approvals,
          onExecuted: notices.remediationExecuted,
        });
        late.remediation = remediation;
        const { successMetrics } = createSuccessMetricsFeature({
          config,
          posture,
          finops,
          optimisation,
          throttling: throttling.throttling,
        });
        const { runbooks } = await createRunbooksFeature({ config });
        const { entities } = createEntitiesFeature({
          catalog,
          posture,
          finops,
          throttling: throttling.throttling,
        });

        httpRouter.use(
          await createRouter({
            health,
            posture,
            remediation,
            guided,
            finops,
            anomalyFeedback,
            throttling,
            optimisation,
            successMetrics,
            runbooks,
            entities,
            exemptions,
            approvals,
            userInfo,
            permissions,
            httpAuth,
            ownership,
            auditor,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        httpRouter.addAuthPolicy({
          path: '/openapi.json',
          allow: 'unauthenticated',
        });
        // The change routes check the caller themselves (authorizeChange), so that an
        // unauthenticated call is recorded in the history before its 401.
        for (const path of [
          '/remediations/execute',
          '/throttling/dlq/redrive',
          '/exemptions',
          '/remediations/approvals',
          '/finops/anomalies/feedback',
        ]) {
          httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
        }
        const { accountId, region, endpoint } = config.aws;
        const through = endpoint ? ` through ${endpoint}` : '';
        logger.info(
          `prod-hardening watching account ${accountId} in ${region}${through}`,
        );
      },
    });
  },
});
