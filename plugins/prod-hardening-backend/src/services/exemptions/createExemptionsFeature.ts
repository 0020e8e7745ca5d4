import type {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { AwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import { SecurityHubWorkflowSource } from '../../sources/securityHubWorkflow';
import type { PostureService } from '../posture/PostureService';
import type { RemediationStore } from '../remediation/RemediationStore';
import { ExemptionService } from './ExemptionService';
import { ExemptionStore } from './ExemptionStore';

export const EXEMPTION_EXPIRY_TASK_ID = 'prod-hardening-exemption-expiry';

/** Exemptions (suppressed findings) and the task that ends them. */
export async function createExemptionsFeature(options: {
  config: ProdHardeningConfig;
  aws: AwsClientFactory;
  db: Knex;
  scheduler: SchedulerService;
  logger: LoggerService;
  auditor: AuditorService;
  /** The change history every change is recorded in. */
  history: RemediationStore;
  posture: PostureService;
  /** A suppressed finding leaves the open findings on every replica. */
  onChanged: () => Promise<void>;
}): Promise<{ exemptions: ExemptionService }> {
  const { config, aws, db, scheduler, logger } = options;
  const exemptions = new ExemptionService({
    store: new ExemptionStore(db),
    history: options.history,
    auditor: options.auditor,
    workflow: new SecurityHubWorkflowSource(aws),
    posture: options.posture,
    maxDays: config.exemptions.maxDays,
    endpoint: config.aws.endpoint,
    onChanged: options.onChanged,
  });
  // Puts back the workflow status of findings whose exemption ended; global, so
  // one replica at a time restores each finding.
  await scheduler.scheduleTask({
    id: EXEMPTION_EXPIRY_TASK_ID,
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
  return { exemptions };
}
