import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import { prodHardeningPermissions } from '@prod-hardening/plugin-prod-hardening-common';
import { accountScopeOf, DefaultAwsClientFactory } from './aws';
import { migrateDatabase } from './database';
import { ChangeMark } from './services/changes/ChangeMark';
import { readProdHardeningConfig } from './config';
import { createRedisConnection, onReadinessChange } from './redis';
import { createRouter } from './router';
import { DefaultHealthService } from './services/HealthService';
import { createFinOpsFeature } from './services/finops';
import { createThrottlingFeature } from './services/throttling';
import { SuccessMetricsService } from './services/successMetrics/SuccessMetricsService';
import {
  findRunbookDirectory,
  RunbookLibrary,
} from './services/runbooks/RunbookLibrary';
import { createPostureEngine } from './services/posture/createPostureEngine';
import { PostureService } from './services/posture/PostureService';
import { PostureSnapshotStore } from './services/posture/PostureSnapshotStore';
import { createPostureSources } from './services/posture/sources';
import { buildRemediations } from './services/remediation/definitions';
import { RemediationService } from './services/remediation/RemediationService';
import { GuidedRemediationService } from './services/remediation/GuidedRemediationService';
import { RemediationStore } from './services/remediation/RemediationStore';
import { HistoryVerifier } from './services/remediation/HistoryVerifier';
import { RemediationActionExecutor } from './sources/remediation';
import { S3Source } from './sources/s3';
import { AccountIdentitySource } from './sources/accountIdentity';
import { RedisPingSource } from './sources/redisPing';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { EntitySummaryService } from './services/entities/EntitySummaryService';
import {
  CatalogOwnershipResolver,
  prodHardeningPermissionRules,
  prodHardeningResourceRef,
} from './permissions';
import { ExemptionService } from './services/exemptions/ExemptionService';
import { ExemptionStore } from './services/exemptions/ExemptionStore';
import { ApprovalService } from './services/approvals/ApprovalService';
import { ApprovalStore } from './services/approvals/ApprovalStore';
import { SecurityHubWorkflowSource } from './sources/securityHubWorkflow';
import { notificationService } from '@backstage/plugin-notifications-node';
import { NoticeLedger, OwnerNotifier } from './services/notifications';
import { CHECKS, CheckKey } from './domain/posture/catalog';

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

        const postureSources = createPostureSources(aws);
        const remediations = buildRemediations(
          { ...postureSources, s3: new S3Source(aws) },
          config,
        );
        const engine = createPostureEngine(aws, config, {
          sources: postureSources,
          autoRemediable: new Set(remediations.map(r => r.checkId)),
        });
        const db = await database.getClient();
        // Every replica runs this at start; they queue on a lock (see migrateDatabase).
        if (!database.migrations?.skip) await migrateDatabase(db);
        const remediationStore = new RemediationStore(db);
        const exemptionStore = new ExemptionStore(db);
        const postureChanges = new ChangeMark(db, 'posture');
        const posture = new PostureService({
          engine,
          securityHub: postureSources.securityHub,
          endpoint: config.aws.endpoint,
          snapshots: new PostureSnapshotStore(db),
          changes: postureChanges,
          exemptions: exemptionStore,
        });
        // A global task: one replica at a time runs it (database locks), so several
        // backends still take one snapshot per period, start-up included.
        await scheduler.scheduleTask({
          id: 'prod-hardening-posture-snapshot',
          scope: 'global',
          frequency: { hours: 6 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            const point = await posture.takeSnapshot();
            logger.info(
              `Posture snapshot ${point.day}: ${point.failed} failing checks`,
            );
          },
        });
        const exemptions = new ExemptionService({
          store: exemptionStore,
          history: remediationStore,
          auditor,
          workflow: new SecurityHubWorkflowSource(aws),
          posture,
          maxDays: config.exemptions.maxDays,
          endpoint: config.aws.endpoint,
          // A suppressed finding leaves the open findings on every replica.
          onChanged: async () => {
            posture.invalidate();
            await postureChanges.bump();
          },
        });
        // Puts back the workflow status of findings whose exemption ended; global, so
        // one replica at a time restores each finding.
        await scheduler.scheduleTask({
          id: 'prod-hardening-exemption-expiry',
          scope: 'global',
          frequency: { minutes: 15 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const restored = await exemptions.restorePending();
            if (restored > 0) {
              logger.info(`Exemptions ended: ${restored} findings restored`);
            }
          },
        });
        const guided = new GuidedRemediationService({
          getReport: () => posture.getReport(),
          sources: postureSources,
          config,
        });

        const { finops, optimisation, anomalyFeedback } =
          await createFinOpsFeature({
            config,
            aws,
            db,
            scheduler,
            logger,
          });

        const throttling = await createThrottlingFeature({
          config,
          aws,
          redis,
          store: remediationStore,
          auditor,
        });

        // Owners hear of what needs them through Backstage notifications; a global
        // task, so one replica scans, and the ledger keeps any notice from being told twice.
        const notifier = new OwnerNotifier({
          catalog,
          auth,
          notifications,
          ledger: new NoticeLedger(db),
          logger,
          posture,
          finops,
          throttling: throttling.throttling,
          exemptions,
          checkTitle: checkId => CHECKS[checkId as CheckKey]?.title ?? checkId,
          finopsGroup: config.notifications.finopsGroup,
          dlqMinutes: config.notifications.dlqMinutes,
        });
        if (config.notifications.enabled) {
          await scheduler.scheduleTask({
            id: 'prod-hardening-owner-notifications',
            scope: 'global',
            frequency: { minutes: config.notifications.frequencyMinutes },
            timeout: { minutes: 5 },
            initialDelay: {
              seconds: config.notifications.initialDelaySeconds,
            },
            fn: async () => {
              const { sent, skipped } = await notifier.scan();
              if (sent > 0 || skipped.length > 0) {
                const unread = skipped.length
                  ? `; unread: ${skipped.join(', ')}`
                  : '';
                logger.info(`Owner notifications: ${sent} sent${unread}`);
              }
            },
          });
        }
        const approvals = new ApprovalService({
          store: new ApprovalStore(db),
          remediations: remediationStore,
          auditor,
          policy: config.approvals,
          approverGroups: config.approvals.approverGroups,
          expiryHours: config.approvals.expiryHours,
          // The owners of the changed resources may approve too (read when asked).
          ownersOf: async planId => {
            const arns = await remediation.affectedResources(planId);
            const owned = await ownership.resolve(arns);
            return owned.flatMap(o => o?.ownerRefs ?? []);
          },
          onChanged: config.notifications.enabled
            ? approval => notifier.approvalChanged(approval)
            : undefined,
        });
        const remediation = new RemediationService({
          definitions: remediations,
          executor: new RemediationActionExecutor(aws),
          store: remediationStore,
          verifier: new HistoryVerifier(db),
          engine,
          auditor,
          account: accountScopeOf(config),
          endpoint: config.aws.endpoint,
          onChanged: async () => {
            posture.invalidate();
            await postureChanges.bump();
          },
          exemptionConflict: (checkId, resourceId) =>
            exemptions.remediationConflict(checkId, resourceId),
          deadlineMs: config.remediation.deadlineMs,
          approvals,
          onExecuted: config.notifications.enabled
            ? attempt => notifier.remediationExecuted(attempt)
            : undefined,
        });
        const successMetrics = new SuccessMetricsService({
          posture,
          finops,
          optimisation,
          throttling: throttling.throttling,
          monthlyBudgetUsd: config.resources.monthlyBudgetUsd,
          ecsClusters: config.resources.ecsClusters,
        });

        const runbooks = await RunbookLibrary.open(
          config.runbooks.directory ?? findRunbookDirectory(process.cwd()),
        );

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
            entities: new EntitySummaryService({
              catalog,
              posture,
              finops,
              throttling: throttling.throttling,
            }),
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
