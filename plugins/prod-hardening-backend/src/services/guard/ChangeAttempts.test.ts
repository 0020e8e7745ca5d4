import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { migratedSqlite } from '../../testUtils/database';
import { RemediationStore } from '../remediation/RemediationStore';
import { bareAuditEvents } from './auditedAction';
import type { ChangeAttempt } from './ChangeAttempt';
import { ChangeAttempts } from './ChangeAttempts';
import type { RefusalKind } from './outcomes';

const T0 = Date.parse('2026-12-06T09:00:00Z');
const CHECK = 'guardduty-enabled';
const RESOURCE = 'guardduty/us-east-1';
const ACTOR = 'user:default/alice';

/** An auditor counting how often each event ended, and how. */
function countingAuditor() {
  const events: {
    eventId: string;
    openMeta?: unknown;
    ends: { status: 'succeeded' | 'failed'; meta?: any; error?: string }[];
  }[] = [];
  const service: AuditorService = {
    async createEvent(options) {
      const event: (typeof events)[number] = {
        eventId: options.eventId,
        openMeta: options.meta,
        ends: [],
      };
      events.push(event);
      return {
        async success(end) {
          event.ends.push({ status: 'succeeded', meta: end?.meta });
        },
        async fail(end) {
          event.ends.push({
            status: 'failed',
            meta: end.meta,
            error: end.error.message,
          });
        },
      };
    },
  };
  return { events, service };
}

describe('ChangeAttempts: one history row and one audit result per attempt', () => {
  let db: Knex;
  let store: RemediationStore;
  let audit: ReturnType<typeof countingAuditor>;
  let attempts: ChangeAttempts;

  beforeEach(async () => {
    db = await migratedSqlite();
    store = new RemediationStore(db);
    audit = countingAuditor();
    attempts = new ChangeAttempts({
      store,
      auditor: audit.service,
      nowMs: () => T0,
    });
  });
  afterEach(() => db.destroy());

  const start = {
    eventId: 'remediation-execute',
    subject: { checkId: CHECK, resourceId: RESOURCE, actor: ACTOR },
  };
  const run = <T>(body: (attempt: ChangeAttempt) => Promise<T>) =>
    attempts.action(start, body).run(bareAuditEvents(audit.service));

  /** The single row and the single event result, after asserting there is one of each. */
  async function onlyRecord() {
    const rows = await store.listHistory({ limit: 10 });
    expect(rows).toHaveLength(1);
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0].ends).toHaveLength(1);
    return { row: rows[0], event: audit.events[0].ends[0] };
  }

  const lockIsFree = () => store.tryLock(CHECK, RESOURCE, 'someone-else', T0);

  it('records a success once, with the row completed from in progress', async () => {
    const id = await run(async attempt => {
      await attempt.begin();
      await attempt.end('succeeded', { message: 'Applied and verified.' });
      return attempt.id;
    });
    const { row, event } = await onlyRecord();
    expect(row).toMatchObject({
      id,
      outcome: 'succeeded',
      actor: ACTOR,
      message: 'Applied and verified.',
    });
    expect(event).toMatchObject({
      status: 'succeeded',
      meta: { outcome: 'succeeded', historyId: id },
    });
  });

  it.each<[RefusalKind, string, string]>([
    ['not-found', 'rejected', 'NotFoundError'],
    ['invalid', 'rejected', 'InputError'],
    ['not-yours', 'rejected', 'ConflictError'],
    ['conflict', 'conflict', 'ConflictError'],
    ['stale', 'stale', 'ConflictError'],
    ['denied', 'denied', 'NotAllowedError'],
    ['aws-refused', 'failed', 'ConflictError'],
  ])(
    'a %s refusal is recorded as %s and answered with a %s',
    async (kind, outcome, errorName) => {
      const refused = run(attempt => attempt.refuse(kind, 'Not now.'));
      await expect(refused).rejects.toMatchObject({
        name: errorName,
        message: 'Not now.',
      });
      const { row, event } = await onlyRecord();
      expect(row).toMatchObject({ outcome, message: 'Not now.' });
      expect(event).toMatchObject({
        status: 'failed',
        meta: { outcome },
        error: 'Not now.',
      });
    },
  );

  it("fails the audit event with the refusal's cause when there is one", async () => {
    const cause = new Error('AccessDeniedException: not authorized');
    await expect(
      run(attempt => attempt.refuse('aws-refused', 'AWS refused it.', cause)),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    const { row, event } = await onlyRecord();
    expect(row.outcome).toBe('failed');
    expect(event.error).toBe('AccessDeniedException: not authorized');
  });

  it('records an error thrown mid-change with its outcome and re-throws it', async () => {
    const down = Object.assign(new Error('The store is down.'), {
      name: 'ServiceUnavailableError',
    });
    await expect(
      run(async attempt => {
        await attempt.begin();
        throw down;
      }),
    ).rejects.toBe(down);
    const { row, event } = await onlyRecord();
    expect(row).toMatchObject({
      outcome: 'unavailable',
      message: 'The store is down.',
    });
    expect(event).toMatchObject({ status: 'failed', error: down.message });
  });

  it('records a path that returned without an outcome as failed', async () => {
    await run(async () => 'forgot to end');
    const { row, event } = await onlyRecord();
    expect(row).toMatchObject({
      outcome: 'failed',
      message: 'The attempt ended without an outcome.',
    });
    expect(event.status).toBe('failed');
  });

  it('refuses (409, recorded) while another attempt holds the lock, and leaves that lock', async () => {
    expect(await store.tryLock(CHECK, RESOURCE, 'other-attempt', T0)).toBe(
      true,
    );
    const body = jest.fn();
    await expect(
      run(attempt => attempt.withLock('Already running.', body)),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    expect(body).not.toHaveBeenCalled();
    const { row } = await onlyRecord();
    expect(row).toMatchObject({
      outcome: 'conflict',
      message: 'Already running.',
    });
    expect(await lockIsFree()).toBe(false);
  });

  it('releases the lock when the work throws, after recording it once', async () => {
    await expect(
      run(attempt =>
        attempt.withLock('Already running.', async () => {
          await attempt.begin();
          throw new Error('Rate exceeded');
        }),
      ),
    ).rejects.toThrow('Rate exceeded');
    const { row } = await onlyRecord();
    expect(row.outcome).toBe('failed');
    expect(await lockIsFree()).toBe(true);
  });

  it('releases the lock after a refusal inside it', async () => {
    await expect(
      run(attempt =>
        attempt.withLock('Already running.', () =>
          attempt.refuse('stale', 'Changed since the preview.'),
        ),
      ),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    expect((await onlyRecord()).row.outcome).toBe('stale');
    expect(await lockIsFree()).toBe(true);
  });

  it('records a refusal before the start once, with its outcome in the opening meta', async () => {
    const error = Object.assign(new Error('Sign in to run remediations.'), {
      name: 'AuthenticationError',
    });
    await attempts
      .refusal({ ...start, subject: { ...start.subject, planId: 'p-1' } })
      .record(bareAuditEvents(audit.service), error);
    const { row, event } = await onlyRecord();
    expect(row).toMatchObject({
      outcome: 'denied',
      planId: 'p-1',
      message: 'Sign in to run remediations.',
    });
    expect(audit.events[0].openMeta).toEqual({
      outcome: 'denied',
      checkId: CHECK,
      resourceId: RESOURCE,
      planId: 'p-1',
    });
    expect(event).toMatchObject({ status: 'failed', error: error.message });
  });
});
