import { startTestBackend } from '@backstage/backend-test-utils';
import {
  GetQueueUrlCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import type { MotoServer, ResourceNames } from '@prod-hardening/dev-stack';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { CountingProxy, startCountingProxy } from '../testUtils/countingProxy';
import {
  pluginConfig,
  REGION,
  reseed,
  startSeededMoto,
} from '../testUtils/localAccount';
import { recordingAuditor } from '../testUtils/recordingAuditor';

jest.setTimeout(180_000);

const API = '/api/prod-hardening';
/** Small, so the tests are quick; the paused emulator outlasts it. */
const DEADLINE_MS = 2_000;
/** How long the emulator stays paused after the answer (well under the SDK's request timeout). */
const PAUSE_AFTER_ANSWER_MS = 1_500;

/**
 * Execute and redrive answer within prodHardening.remediation.deadlineMs whatever AWS
 * does. AWS here is the real moto_server, paused with SIGSTOP (its whole process group)
 * at the moment a chosen request reaches it and resumed with SIGCONT after the answer.
 */
describe('the change routes answer within their deadline', () => {
  let moto: MotoServer;
  let resources: ResourceNames;
  let proxy: CountingProxy;
  let paused = false;

  const pause = () => {
    if (paused) return;
    process.kill(-moto.process.pid, 'SIGSTOP');
    paused = true;
  };
  const resume = () => {
    if (!paused) return;
    process.kill(-moto.process.pid, 'SIGCONT');
    paused = false;
  };

  const client = <T>(Client: new (config: any) => T) =>
    new Client({
      region: REGION,
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });

  beforeAll(async () => {
    ({ moto, resources } = await startSeededMoto());
    proxy = await startCountingProxy(moto.endpoint);
  });

  beforeEach(async () => {
    proxy.setFault(undefined);
    await moto.reset();
    await reseed(moto, resources);
  });

  afterEach(() => {
    proxy.setFault(undefined);
    resume();
  });

  afterAll(async () => {
    resume();
    await proxy?.stop();
    await moto?.stop();
  });

  async function backend() {
    const auditor = recordingAuditor();
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({
          endpoint: proxy.endpoint,
          resources,
          deadlineMs: DEADLINE_MS,
          requestTimeoutMs: 20_000,
        }),
        auditor.factory,
      ],
    });
    return { server, events: auditor.events };
  }

  const history = async (server: any, checkId: string) =>
    (
      await request(server).get(
        `${API}/remediations/history?checkId=${checkId}`,
      )
    ).body.items as any[];

  /** Waits (bounded) for the row that settles `historyId`. */
  async function settlement(server: any, checkId: string, historyId: string) {
    for (let i = 0; i < 80; i++) {
      const row = (await history(server, checkId)).find(
        h => h.settles === historyId,
      );
      if (row) return row;
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`no row settles ${historyId} after 20 s`);
  }

  /** Resumes the emulator a little after the answer, like AWS answering late. */
  const resumeLater = () =>
    new Promise<void>(r =>
      setTimeout(() => {
        resume();
        r();
      }, PAUSE_AFTER_ANSWER_MS),
    );

  async function previewGuardDuty(server: any) {
    const plan = await request(server)
      .post(`${API}/remediations/preview`)
      .send({ checkId: 'guardduty-enabled' });
    expect(plan.body.planId).toEqual(expect.any(String));
    return plan.body;
  }

  it('answers 202 "timed out" when the write hangs, then records the late success as a new row and tells the auditor', async () => {
    const { server, events } = await backend();
    const plan = await previewGuardDuty(server);
    // The emulator stops at the moment CreateDetector reaches it.
    proxy.setFault(line => {
      if (line.startsWith('POST /detector')) pause();
      return undefined;
    });

    const started = Date.now();
    const res = await request(server)
      .post(`${API}/remediations/execute`)
      .send({ planId: plan.planId, reason: 'CHG-9: deadline' });
    const tookMs = Date.now() - started;
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      outcome: 'timed-out',
      historyId: expect.any(String),
    });
    expect(res.body.message).toMatch(
      /did not answer within 2 s: the state is unknown/,
    );
    expect(tookMs).toBeLessThan(DEADLINE_MS + 3_000);
    expect(paused).toBe(true);
    const [timedOut] = await history(server, 'guardduty-enabled');
    expect(timedOut).toMatchObject({
      id: res.body.historyId,
      outcome: 'timed-out',
      reason: 'CHG-9: deadline',
    });

    await resumeLater();
    const settled = await settlement(
      server,
      'guardduty-enabled',
      res.body.historyId,
    );
    expect(settled).toMatchObject({
      outcome: 'succeeded',
      verifiedStatus: 'PASS',
      planId: plan.planId,
      calls: plan.calls,
      reason: 'CHG-9: deadline',
    });
    expect(settled.id).not.toBe(res.body.historyId);
    expect(settled.message).toMatch(/^Settled after the deadline: Applied/);
    // The timed-out row itself is never rewritten.
    const rows = await history(server, 'guardduty-enabled');
    expect(rows.find(r => r.id === res.body.historyId)).toEqual(timedOut);
    expect(
      (await client(GuardDutyClient).send(new ListDetectorsCommand({})))
        .DetectorIds,
    ).toHaveLength(1);

    expect(
      events
        .filter(e => e.eventId.startsWith('remediation-execute'))
        .map(e => [e.eventId, e.status, e.endMeta?.outcome]),
    ).toEqual([
      ['remediation-execute', 'failed', 'timed-out'],
      ['remediation-execute-settled', 'succeeded', 'succeeded'],
    ]);
    expect(events[events.length - 1].meta).toMatchObject({
      settles: res.body.historyId,
      actor: 'user:default/mock',
    });
  });

  it('sends no write once the deadline has passed: a late read settles as nothing changed', async () => {
    const { server } = await backend();
    const plan = await previewGuardDuty(server);
    const since = proxy.log.length;
    // The re-read of the state hangs.
    proxy.setFault(line => {
      if (line.startsWith('GET /detector')) pause();
      return undefined;
    });
    const res = await request(server)
      .post(`${API}/remediations/execute`)
      .send({ planId: plan.planId });
    expect(res.status).toBe(202);
    expect(res.body.outcome).toBe('timed-out');

    proxy.setFault(undefined);
    await resumeLater();
    const settled = await settlement(
      server,
      'guardduty-enabled',
      res.body.historyId,
    );
    expect(settled).toMatchObject({ outcome: 'unavailable' });
    expect(settled.message).toMatch(/nothing more was changed/);
    expect(
      proxy.log.slice(since).filter(l => l.startsWith('POST /detector')),
    ).toEqual([]);
    // The lock was released when the work ended: a new preview and execute run.
    const again = await previewGuardDuty(server);
    const second = await request(server)
      .post(`${API}/remediations/execute`)
      .send({ planId: again.planId });
    expect(second.status).toBe(200);
    expect(second.body.outcome).toBe('succeeded');
  });

  it('answers a redrive "timed out" while SQS hangs, and shows the settled outcome in its status', async () => {
    const sqs = client(SQSClient);
    const dlqUrl = (
      await sqs.send(
        new GetQueueUrlCommand({ QueueName: resources.queues.rateLimiterDlq }),
      )
    ).QueueUrl!;
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: dlqUrl,
        Entries: [0, 1, 2].map(i => ({
          Id: String(i),
          MessageBody: `{"messageId":"late-${i}"}`,
        })),
      }),
    );
    const { server, events } = await backend();
    pause();
    const res = await request(server)
      .post(`${API}/throttling/dlq/redrive`)
      .send({ maxMessages: 10 });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      outcome: 'timed-out',
      method: 'bounded-move',
    });
    const status = await request(server).get(
      `${API}/throttling/dlq/redrive-status`,
    );
    expect(status.body).toMatchObject({
      state: 'timed-out',
      historyId: res.body.historyId,
    });

    await resumeLater();
    const settled = await settlement(
      server,
      'sqs-dlq-redrive',
      res.body.historyId,
    );
    // Past the deadline no batch starts: nothing was moved, and the row says so.
    expect(settled.message).toMatch(
      /^Settled after the deadline: Moved 0 of 3/,
    );
    const after = await request(server).get(
      `${API}/throttling/dlq/redrive-status`,
    );
    expect(after.body).toMatchObject({
      state: 'completed',
      historyId: settled.id,
    });
    expect(
      events
        .filter(e => e.eventId.startsWith('dlq-redrive'))
        .map(e => [e.eventId, e.endMeta?.outcome]),
    ).toEqual([
      ['dlq-redrive', 'timed-out'],
      ['dlq-redrive-settled', 'succeeded'],
    ]);
  });
});
