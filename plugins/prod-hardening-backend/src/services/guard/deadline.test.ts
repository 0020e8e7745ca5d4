import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { migratedSqlite } from '../../testUtils/database';
import { bareAuditEvents } from './auditedAction';
import type { ChangeAttempt } from './ChangeAttempt';
import { ChangeAttempts } from './ChangeAttempts';
import { raceDeadline } from './deadline';
import { RemediationStore } from '../remediation/RemediationStore';

const T0 = Date.parse('2026-12-05T08:00:00Z');

/** An auditor keeping [eventId, how it ended, outcome] per event. */
function auditor() {
  const events: { eventId: string; end?: string; meta?: any }[] = [];
  const service: AuditorService = {
    async createEvent(options) {
      const event: (typeof events)[number] = {
        eventId: options.eventId,
        meta: options.meta,
      };
      events.push(event);
      return {
        async success(end) {
          event.end = `succeeded:${end?.meta?.outcome}`;
        },
        async fail(end) {
          event.end = `failed:${end.meta?.outcome}`;
        },
      };
    },
  };
  return { events, service };
}

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('raceDeadline', () => {
  it('gives the value of work that ends in time', async () => {
    expect(await raceDeadline(Promise.resolve(7), 1_000)).toEqual({
      done: true,
      value: 7,
    });
  });

  it('re-throws the error of work that fails in time', async () => {
    await expect(
      raceDeadline(Promise.reject(new Error('refused')), 1_000),
    ).rejects.toThrow('refused');
  });

  it('says not done when the deadline passes first', async () => {
    expect(await raceDeadline(new Promise(() => {}), 10)).toEqual({
      done: false,
    });
  });
});

describe('an attempt past its deadline', () => {
  let db: Knex;
  let store: RemediationStore;

  beforeEach(async () => {
    db = await migratedSqlite();
    store = new RemediationStore(db);
  });

  afterEach(() => db.destroy());

  type Answer = {
    outcome: 'succeeded' | 'timed-out';
    historyId: string;
    message: string;
  };

  const start = (deadlineMs: number) => ({
    eventId: 'remediation-execute',
    subject: {
      checkId: 'guardduty-enabled',
      resourceId: 'guardduty/us-east-1',
      actor: 'user:default/alice',
    },
    deadline: {
      ms: deadlineMs,
      answer: ({
        historyId,
        message,
      }: {
        historyId: string;
        message: string;
      }): Answer => ({ outcome: 'timed-out', historyId, message }),
    },
  });

  /** Runs `body` as an attempt answered within 20 ms, its events kept by `service`. */
  const runWithin20ms = (
    service: AuditorService,
    body: (attempt: ChangeAttempt) => Promise<Answer>,
  ) =>
    new ChangeAttempts({ store, auditor: service, nowMs: () => T0 })
      .action(start(20), body)
      .run(bareAuditEvents(service));

  it('answers timed-out, keeps that row as written and settles the late outcome once, in a new row', async () => {
    const audit = auditor();
    const aws = deferred<void>();
    let attemptRef: any;
    const answer = await runWithin20ms(audit.service, async attempt => {
      attemptRef = attempt;
      await attempt.begin();
      await aws.promise;
      await attempt.end('succeeded', { message: 'Applied and verified.' });
      // a second end (e.g. a path that ends twice) adds nothing
      await attempt.end('failed', { message: 'again' });
      return {
        outcome: 'succeeded' as const,
        historyId: attempt.id,
        message: '',
      };
    });
    expect(answer).toMatchObject({ outcome: 'timed-out' });
    const timedOut = await store.getHistory(answer.historyId);
    expect(timedOut).toMatchObject({ outcome: 'timed-out' });

    aws.resolve();
    await attemptRef.settled();
    const rows = await store.listHistory({ limit: 10 });
    expect(rows).toHaveLength(2);
    expect(await store.getHistory(answer.historyId)).toEqual(timedOut);
    const settled = rows.find(r => r.settles === answer.historyId);
    expect(settled).toMatchObject({
      outcome: 'succeeded',
      message: 'Settled after the deadline: Applied and verified.',
    });
    expect(audit.events.map(e => [e.eventId, e.end])).toEqual([
      ['remediation-execute', 'failed:timed-out'],
      ['remediation-execute-settled', 'succeeded:succeeded'],
    ]);
  });

  it('holds the lock until the late work ends, and settles a late error with its outcome', async () => {
    const audit = auditor();
    const aws = deferred<void>();
    let attemptRef: any;
    const answer = await runWithin20ms(audit.service, attempt => {
      attemptRef = attempt;
      return attempt.withLock('busy', async () => {
        await attempt.begin();
        await aws.promise;
        return { outcome: 'succeeded', historyId: '', message: '' } as Answer;
      });
    });
    expect(answer.outcome).toBe('timed-out');
    expect(
      await store.tryLock('guardduty-enabled', 'guardduty/us-east-1', 'x', T0),
    ).toBe(false);

    aws.reject(Object.assign(new Error('Rate exceeded'), { name: 'X' }));
    await attemptRef.settled();
    const settled = (await store.listHistory({ limit: 10 })).find(
      r => r.settles === answer.historyId,
    );
    expect(settled).toMatchObject({
      outcome: 'failed',
      message: 'Settled after the deadline: Rate exceeded',
    });
    await new Promise(r => setImmediate(r));
    expect(
      await store.tryLock('guardduty-enabled', 'guardduty/us-east-1', 'x', T0),
    ).toBe(true);
  });
});
