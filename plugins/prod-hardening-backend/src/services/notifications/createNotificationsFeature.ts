import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ApprovalRequest } from '@prod-hardening/plugin-prod-hardening-common';
import type { Knex } from 'knex';
import type { ProdHardeningConfig } from '../../config';
import { CHECKS, CheckKey } from '../../domain/posture/catalog';
import type { ExecutedAttempt } from '../remediation/RemediationService';
import { NoticeLedger } from './NoticeLedger';
import { OwnerNotifier, OwnerNotifierOptions } from './OwnerNotifier';

export const OWNER_NOTIFICATIONS_TASK_ID = 'prod-hardening-owner-notifications';

export interface NotificationsFeature {
  notifier: OwnerNotifier;
  /** For the approvals; undefined when notifications are off. */
  approvalChanged?: (approval: ApprovalRequest) => Promise<void>;
  /** For the remediations; undefined when notifications are off. */
  remediationExecuted?: (attempt: ExecutedAttempt) => Promise<void>;
}

/**
 * Owners hear of what needs them through Backstage notifications; a global task, so
 * one replica scans, and the ledger keeps any notice from being told twice.
 */
export async function createNotificationsFeature(
  options: Pick<
    OwnerNotifierOptions,
    'posture' | 'finops' | 'throttling' | 'exemptions'
  > & {
    config: ProdHardeningConfig;
    db: Knex;
    scheduler: SchedulerService;
    logger: LoggerService;
    catalog: CatalogService;
    auth: AuthService;
    notifications: NotificationService;
  },
): Promise<NotificationsFeature> {
  const { config, db, scheduler, logger } = options;
  const notifier = new OwnerNotifier({
    catalog: options.catalog,
    auth: options.auth,
    notifications: options.notifications,
    ledger: new NoticeLedger(db),
    logger,
    posture: options.posture,
    finops: options.finops,
    throttling: options.throttling,
    exemptions: options.exemptions,
    checkTitle: checkId => CHECKS[checkId as CheckKey]?.title ?? checkId,
    finopsGroup: config.notifications.finopsGroup,
    dlqMinutes: config.notifications.dlqMinutes,
  });
  if (!config.notifications.enabled) return { notifier };
  await scheduler.scheduleTask({
    id: OWNER_NOTIFICATIONS_TASK_ID,
    scope: 'global',
    frequency: { minutes: config.notifications.frequencyMinutes },
    timeout: { minutes: 5 },
    initialDelay: { seconds: config.notifications.initialDelaySeconds },
    fn: async () => {
      const { sent, skipped } = await notifier.scan();
      if (sent > 0 || skipped.length > 0) {
        const unread = skipped.length ? `; unread: ${skipped.join(', ')}` : '';
        logger.info(`Owner notifications: ${sent} sent${unread}`);
      }
    },
  });
  return {
    notifier,
    approvalChanged: approval => notifier.approvalChanged(approval),
    remediationExecuted: attempt => notifier.remediationExecuted(attempt),
  };
}
