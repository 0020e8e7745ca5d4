import type { AuditorService } from '@backstage/backend-plugin-api';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import type {
  CreateExemptionRequest,
  Finding,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Knex } from 'knex';
import { DefaultAwsClientFactory } from '../../aws';
import { normalizeFinding } from '../../domain/posture/findings';
import { SecurityHubSource } from '../../sources/securityHub';
import { SecurityHubWorkflowSource } from '../../sources/securityHubWorkflow';
import { migratedSqlite } from '../../testUtils/database';
import {
  emulatorConfig,
  reseed,
  startSeededMoto,
} from '../../testUtils/localAccount';
import { fakeBatchUpdateFindings } from '../../testUtils/securityHubWorkflowFake';
import { bareAuditEvents } from '../guard';
import { RemediationStore } from '../remediation/RemediationStore';
import { EXPIRY_ACTOR, ExemptionService } from './ExemptionService';
import { ExemptionStore } from './ExemptionStore';

jest.setTimeout(120_000);

const START = Date.parse('2026-12-05T12:00:00Z');
const DAY = 24 * 60 * 60_000;
const JUSTIFICATION = 'Public by design: the marketing site bucket.';

const auditor: AuditorService = {
  async createEvent() {
    return { async success() {}, async fail() {} };
  },
};

describe('a finding exemption ending on its own (expiry task) against moto_server', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let db: Knex;
  let fake: ReturnType<typeof fakeBatchUpdateFindings>;
  let now: number;
  let finding: Finding;
  let workflow: SecurityHubWorkflowSource;
  let service: ExemptionService;
  let remediationStore: RemediationStore;

  const workflowStatus = async () =>
    (await workflow.find(finding.id))?.workflowStatus;
  const wendyExempts = (input: CreateExemptionRequest) =>
    service.create('user:default/wendy', input).run(bareAuditEvents(auditor));

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
  });
  beforeEach(async () => {
    await moto.reset();
    await reseed(moto, resources);
    fake = fakeBatchUpdateFindings(moto.endpoint);
    db = await migratedSqlite();
    now = START;
    const aws = DefaultAwsClientFactory.fromConfig(
      emulatorConfig(moto.endpoint, resources),
    );
    workflow = new SecurityHubWorkflowSource(aws);
    const raw = await new SecurityHubSource(aws).getFindings({});
    const notified = raw.find(f => (f.Workflow?.Status ?? 'NEW') === 'NEW')!;
    finding = normalizeFinding(notified);
    remediationStore = new RemediationStore(db);
    service = new ExemptionService({
      store: new ExemptionStore(db),
      history: remediationStore,
      auditor,
      workflow,
      posture: {
        getReport: async () => {
          throw new Error('not used');
        },
        getOpenFindings: async () => ({ list: [finding] }),
      },
      maxDays: 90,
      nowMs: () => now,
    });
  });
  afterEach(async () => {
    fake.stub.restore();
    await db.destroy();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it('keeps the finding suppressed until the expiry, then the task puts it back once and records it', async () => {
    const created = await wendyExempts({
      kind: 'finding',
      findingId: finding.id,
      justification: JUSTIFICATION,
      expiresAt: new Date(START + 7 * DAY).toISOString(),
    });
    expect(await workflowStatus()).toBe('SUPPRESSED');

    now = START + 7 * DAY - 1;
    expect(await service.restorePending()).toBe(0);
    expect(await workflowStatus()).toBe('SUPPRESSED');
    expect((await service.list({ status: 'active' })).map(e => e.id)).toEqual([
      created.id,
    ]);

    now = START + 7 * DAY;
    expect(await service.restorePending()).toBe(1);
    expect(await workflowStatus()).toBe('NEW');
    expect(fake.updates.at(-1)).toMatchObject({
      Workflow: { Status: 'NEW' },
      Note: { UpdatedBy: EXPIRY_ACTOR },
    });
    const [expired] = await service.list({ status: 'expired' });
    expect(expired).toMatchObject({
      id: created.id,
      workflowRestoredAt: new Date(now).toISOString(),
    });
    // Once only: the next run has nothing to do.
    expect(await service.restorePending()).toBe(0);
    expect(fake.updates).toHaveLength(2);

    const history = await remediationStore.listHistory({
      checkId: 'security-hub-finding',
      limit: 10,
    });
    expect(history.map(h => [h.actor, h.outcome])).toEqual([
      [EXPIRY_ACTOR, 'succeeded'],
      ['user:default/wendy', 'succeeded'],
    ]);
  });

  it('leaves a status someone changed in Security Hub meanwhile', async () => {
    await wendyExempts({
      kind: 'finding',
      findingId: finding.id,
      justification: JUSTIFICATION,
      expiresAt: new Date(START + DAY).toISOString(),
    });
    await workflow.setStatus(
      {
        id: finding.id,
        productArn: (await workflow.find(finding.id))!.productArn,
      },
      'RESOLVED',
      { text: 'Fixed by hand.', updatedBy: 'user:default/sam' },
    );
    now = START + DAY;
    expect(await service.restorePending()).toBe(1);
    expect(await workflowStatus()).toBe('RESOLVED');
  });

  it('retries a restore Security Hub refused at the next run', async () => {
    await wendyExempts({
      kind: 'finding',
      findingId: finding.id,
      justification: JUSTIFICATION,
      expiresAt: new Date(START + DAY).toISOString(),
    });
    now = START + DAY;
    fake.stub.restore();
    // No fake: the emulator answers BatchUpdateFindings with an error.
    expect(await service.restorePending()).toBe(0);
    const history = await remediationStore.listHistory({
      checkId: 'security-hub-finding',
      limit: 1,
    });
    expect(history[0]).toMatchObject({
      actor: EXPIRY_ACTOR,
      outcome: 'failed',
    });
    fake = fakeBatchUpdateFindings(moto.endpoint);
    expect(await service.restorePending()).toBe(1);
    expect(await workflowStatus()).toBe('NEW');
  });
});
