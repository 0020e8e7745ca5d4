import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { AwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import { ChangeMark } from '../changes/ChangeMark';
import { ExemptionStore } from '../exemptions/ExemptionStore';
import { createPostureEngine } from './createPostureEngine';
import type { PostureCheckEngine } from './PostureCheckEngine';
import { PostureService } from './PostureService';
import { PostureSnapshotStore } from './PostureSnapshotStore';
import type { PostureSources } from './sources';

export const POSTURE_SNAPSHOT_TASK_ID = 'prod-hardening-posture-snapshot';

export interface PostureFeatureOptions {
  config: ProdHardeningConfig;
  aws: AwsClientFactory;
  /** The plugin's database, migrated. */
  db: Knex;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** The account reads, shared with the remediations (they read the same resources). */
  sources: PostureSources;
  /** The checks a remediation can fix, so the report can say so. */
  autoRemediable: ReadonlySet<string>;
}

export interface PostureFeature {
  posture: PostureService;
  engine: PostureCheckEngine;
  /** Called after anything that changes the open findings (on every replica). */
  changed: () => Promise<void>;
}

/** The posture report, its snapshots and trend, and the task taking a snapshot. */
export async function createPostureFeature(
  options: PostureFeatureOptions,
): Promise<PostureFeature> {
  const { config, aws, db, scheduler, logger, sources } = options;
  const engine = createPostureEngine(aws, config, {
    sources,
    autoRemediable: new Set(options.autoRemediable),
  });
  const changes = new ChangeMark(db, 'posture');
  const posture = new PostureService({
    engine,
    securityHub: sources.securityHub,
    endpoint: config.aws.endpoint,
    snapshots: new PostureSnapshotStore(db),
    changes,
    // Read only: the suppressions the report leaves out.
    exemptions: new ExemptionStore(db),
  });
  // A global task: one replica at a time runs it (database locks), so several
  // backends still take one snapshot per period, start-up included.
  await scheduler.scheduleTask({
    id: POSTURE_SNAPSHOT_TASK_ID,
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
  return {
    posture,
    engine,
    changed: async () => {
      posture.invalidate();
      await changes.bump();
    },
  };
}
