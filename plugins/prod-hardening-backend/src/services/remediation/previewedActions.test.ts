import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  CreateDetectorCommand,
  GuardDutyClient,
} from '@aws-sdk/client-guardduty';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import type {
  RemediationPlan,
  RemediationResult,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Knex } from 'knex';
import { DefaultAwsClientFactory } from '../../aws';
import { RemediationActionExecutor } from '../../sources/remediation';
import { S3Source } from '../../sources/s3';
import { awsCallRecorder } from '../../testUtils/awsCallRecorder';
import { migratedSqlite } from '../../testUtils/database';
import {
  emulatorConfig,
  reseed,
  startSeededMoto,
} from '../../testUtils/localAccount';
import { bareAuditEvents } from '../guard';
import { createPostureEngine } from '../posture/createPostureEngine';
import { createPostureSources } from '../posture/sources';
import { buildRemediations } from './definitions';
import { RemediationService } from './RemediationService';
import { RemediationStore } from './RemediationStore';
import { HistoryVerifier } from './HistoryVerifier';

jest.setTimeout(180_000);

const USER = 'user:default/oncall';

/** The SDK client each action's `service` is sent with. */
const CLIENT_OF_SERVICE: Record<string, string> = {
  s3control: 'S3ControlClient',
  guardduty: 'GuardDutyClient',
  cloudtrail: 'CloudTrailClient',
  ecs: 'ECSClient',
  dynamodb: 'DynamoDBClient',
  sqs: 'SQSClient',
  logs: 'CloudWatchLogsClient',
  securityhub: 'SecurityHubClient',
};

/** Every automated remediation but Security Hub's (below), with a write it makes on the seed. */
const AUTOMATED: Array<[string, string[]]> = [
  ['s3-account-public-access-block', ['PutPublicAccessBlock']],
  ['guardduty-enabled', ['CreateDetector']],
  ['cloudtrail-multi-region', ['UpdateTrail']],
  ['ecs-container-insights', ['UpdateCluster']],
  ['dynamodb-pitr', ['UpdateContinuousBackups']],
  ['sqs-encryption', ['SetQueueAttributes']],
  ['cloudwatch-logs-retention', ['PutRetentionPolicy']],
];

const nobodyListens: AuditorService = {
  async createEvent() {
    return { async success() {}, async fail() {} };
  },
};

/**
 * "You run what you previewed": for every automated remediation, the SDK writes the
 * execute makes (recorded by a client middleware) are the preview's actions, in
 * order, with equal parameters. The account is the real moto_server with the seed.
 */
describe('execute sends exactly the previewed actions', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let db: Knex;

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });

  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
    db = await migratedSqlite();
  });

  afterEach(async () => {
    await db.destroy();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  /** The plugin's remediation service, built on a factory that records every call. */
  async function recordedService() {
    const config = emulatorConfig(moto.endpoint, resources);
    const recorder = awsCallRecorder();
    const aws = new DefaultAwsClientFactory(config.aws, {
      plugins: [recorder.plugin],
    });
    const sources = createPostureSources(aws);
    const definitions = buildRemediations(
      { ...sources, s3: new S3Source(aws) },
      config,
    );
    const service = new RemediationService({
      definitions,
      executor: new RemediationActionExecutor(aws),
      store: new RemediationStore(db),
      verifier: new HistoryVerifier(db),
      engine: createPostureEngine(aws, config, { sources }),
      auditor: nobodyListens,
      account: {
        partition: 'aws',
        accountId: '123456789012',
        region: 'us-east-1',
      },
      endpoint: moto.endpoint,
    });
    return { service, recorder, destroy: () => aws.destroy() };
  }

  async function previewAndExecute(checkId: string) {
    const { service, recorder, destroy } = await recordedService();
    try {
      const plan: RemediationPlan = await service.preview(USER, checkId, true);
      expect(plan.planId).toEqual(expect.any(String));
      expect(plan.calls.length).toBeGreaterThan(0);
      expect(recorder.writes()).toEqual([]); // a preview only reads
      recorder.clear();
      const result: RemediationResult = await service
        .execute(USER, plan.planId!, 'CHG-1: previewed actions test')
        .run(bareAuditEvents(nobodyListens));
      const previewed = plan.calls.map(call => ({
        client: CLIENT_OF_SERVICE[call.service],
        operation: call.action,
        input: call.params,
      }));
      return { plan, result, previewed, writes: recorder.writes() };
    } finally {
      destroy();
    }
  }

  it('covers every automated remediation', async () => {
    const { service, destroy } = await recordedService();
    destroy();
    expect(service.automatedCheckIds().sort()).toEqual(
      [
        ...AUTOMATED.map(([checkId]) => checkId),
        'securityhub-fsbp-enabled',
      ].sort(),
    );
  });

  it.each(AUTOMATED)(
    '%s: the writes made are the previewed actions (%j among them)',
    async (checkId, kinds) => {
      const { result, previewed, writes } = await previewAndExecute(checkId);
      expect(result.outcome).toBe('succeeded');
      expect(previewed.map(p => p.operation)).toEqual(
        expect.arrayContaining(kinds),
      );
      expect(writes).toEqual(previewed);
    },
  );

  it('guardduty-enabled with a suspended detector: UpdateDetector on that detector, as previewed', async () => {
    await new GuardDutyClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
    }).send(new CreateDetectorCommand({ Enable: false }));
    const { plan, result, previewed, writes } = await previewAndExecute(
      'guardduty-enabled',
    );
    expect(plan.calls.map(c => c.action)).toEqual(['UpdateDetector']);
    expect(result.outcome).toBe('succeeded');
    expect(writes).toEqual(previewed);
  });

  // The seed enables the hub, so the plan subscribes to FSBP only. moto has no
  // standards API: BatchEnableStandards is sent as previewed and refused (HTML 404).
  it('securityhub-fsbp-enabled: BatchEnableStandards, as previewed', async () => {
    const { result, previewed, writes } = await previewAndExecute(
      'securityhub-fsbp-enabled',
    );
    expect(previewed.map(p => p.operation)).toEqual(['BatchEnableStandards']);
    expect(writes).toEqual(previewed);
    expect(result.outcome).toBe('failed');
  });
});
