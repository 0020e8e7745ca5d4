import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { prodHardeningHistoryVerifyPermission } from '@prod-hardening/plugin-prod-hardening-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { prodHardeningPlugin } from '../plugin';
import { RemediationStore } from '../services/remediation/RemediationStore';
import { migratedSqlite } from '../testUtils/database';
import { pluginConfig } from '../testUtils/localAccount';
import { permissionsDenying } from '../testUtils/permissions';
import { recordingAuditor } from '../testUtils/recordingAuditor';

jest.setTimeout(60_000);

const VERIFY = '/api/prod-hardening/remediations/history/verify';

describe('GET /remediations/history/verify', () => {
  let db: Knex;

  beforeEach(async () => {
    db = await migratedSqlite();
    const store = new RemediationStore(db);
    for (const n of [1, 2, 3]) {
      await store.addHistory({
        id: `attempt-${n}`,
        checkId: 'guardduty-enabled',
        resourceId: 'guardduty/us-east-1',
        actor: 'user:default/alice',
        outcome: n === 2 ? 'denied' : 'succeeded',
        message: 'Recorded.',
        calls: [],
        startedAt: `2026-12-01T10:00:0${n}.000Z`,
        durationMs: n,
      });
    }
  });

  afterEach(async () => {
    await db.destroy();
  });

  async function backend(admin: boolean) {
    const auditor = recordingAuditor();
    const { server } = await startTestBackend({
      features: [
        prodHardeningPlugin,
        // Nothing listens there: this test never needs AWS.
        pluginConfig({ endpoint: 'http://127.0.0.1:1' }),
        mockServices.database.factory({ knex: db }),
        permissionsDenying(
          admin ? [] : [prodHardeningHistoryVerifyPermission.name],
        ),
        auditor.factory,
      ],
    });
    return { server, events: auditor.events };
  }

  it('reports an intact chain to an admin, and audits the check', async () => {
    const { server, events } = await backend(true);
    const res = await request(server).get(VERIFY);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      checkedRows: 3,
      head: { seq: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      inProgress: 0,
    });
    expect(events.filter(e => e.eventId === 'history-verify')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        endMeta: { ok: true, checkedRows: 3, firstBreakId: null },
      }),
    ]);
  });

  it('names the row edited through SQL', async () => {
    await db.raw('DROP TRIGGER prod_hardening_history_sealed');
    await db('prod_hardening_remediation_history')
      .where({ id: 'attempt-2' })
      .update({ outcome: 'succeeded' });
    const { server } = await backend(true);
    const res = await request(server).get(VERIFY);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: false,
      checkedRows: 1,
      firstBreak: {
        seq: 2,
        id: 'attempt-2',
        problem: expect.stringMatching(/edited after it was completed/),
      },
    });
  });

  it('refuses a user who is not an admin with 403', async () => {
    const { server, events } = await backend(false);
    const res = await request(server).get(VERIFY);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You are not allowed to verify the remediation history (permission prod-hardening.history.verify).',
    );
    expect(events.filter(e => e.eventId === 'history-verify')).toEqual([]);
  });

  it('answers 503 with a message when the history cannot be read', async () => {
    const { server } = await backend(true);
    await db.schema.dropTable('prod_hardening_remediation_history');
    const res = await request(server).get(VERIFY);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^The remediation store is unavailable: .*no such table/,
    );
  });
});
