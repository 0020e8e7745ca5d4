import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { accountScopeOf, AwsClientFactory } from '../../aws';
import type { ProdHardeningConfig } from '../../config';
import { RemediationActionExecutor } from '../../sources/remediation';
import { S3Source } from '../../sources/s3';
import type { PostureCheckEngine } from '../posture/PostureCheckEngine';
import type { PostureService } from '../posture/PostureService';
import type { PostureSources } from '../posture/sources';
import { buildRemediations, RemediationDefinition } from './definitions';
import { GuidedRemediationService } from './GuidedRemediationService';
import { HistoryVerifier } from './HistoryVerifier';
import {
  RemediationService,
  RemediationServiceOptions,
} from './RemediationService';
import type { RemediationStore } from './RemediationStore';

/**
 * The automated remediations, one per check that has a plan. Built before the
 * posture engine, which marks those checks as auto-remediable.
 */
export function createRemediationDefinitions(
  aws: AwsClientFactory,
  config: ProdHardeningConfig,
  sources: PostureSources,
): RemediationDefinition<any>[] {
  return buildRemediations({ ...sources, s3: new S3Source(aws) }, config);
}

export interface RemediationFeature {
  remediation: RemediationService;
  guided: GuidedRemediationService;
}

/** Guarded automated remediation (preview, approve, execute, verify) and the guided fixes. */
export function createRemediationFeature(
  options: Pick<
    RemediationServiceOptions,
    'onChanged' | 'onExecuted' | 'exemptionConflict' | 'approvals'
  > & {
    config: ProdHardeningConfig;
    aws: AwsClientFactory;
    db: Knex;
    auditor: AuditorService;
    definitions: RemediationDefinition<any>[];
    sources: PostureSources;
    engine: PostureCheckEngine;
    posture: PostureService;
    /** The change history every change is recorded in. */
    history: RemediationStore;
  },
): RemediationFeature {
  const { config, aws, db } = options;
  const remediation = new RemediationService({
    definitions: options.definitions,
    executor: new RemediationActionExecutor(aws),
    store: options.history,
    verifier: new HistoryVerifier(db),
    engine: options.engine,
    auditor: options.auditor,
    account: accountScopeOf(config),
    endpoint: config.aws.endpoint,
    onChanged: options.onChanged,
    exemptionConflict: options.exemptionConflict,
    deadlineMs: config.remediation.deadlineMs,
    approvals: options.approvals,
    onExecuted: options.onExecuted,
  });
  const { posture } = options;
  const guided = new GuidedRemediationService({
    getReport: () => posture.getReport(),
    sources: options.sources,
    config,
  });
  return { remediation, guided };
}
