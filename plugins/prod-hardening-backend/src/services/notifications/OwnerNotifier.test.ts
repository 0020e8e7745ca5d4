import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type {
  DeadLetterQueueStatus,
  FinOpsOverview,
  Finding,
  ThrottlingOverview,
} from '@prod-hardening/plugin-prod-hardening-common';
import type { Knex } from 'knex';
import { migratedSqlite } from '../../testUtils/database';
import { seededCatalogEntities } from '../../testUtils/seededCatalog';
import { NoticeLedger } from './NoticeLedger';
import { OwnerNotifier } from './OwnerNotifier';
import { webServiceFinding as finding } from '../../testUtils/findings';

/** The account as the scan reads it; each test changes what it needs. */
class Account {
  findings: Finding[] = [finding('f-web')];
  findingsUnavailable = false;
  actualMicros = 100_000_000;
  forecastMicros = 450_000_000;
  dlq: DeadLetterQueueStatus = {
    queueName: 'huntaze-rate-limiter-dlq',
    depth: 4,
    inFlight: 0,
    oldestAgeSeconds: 3600,
    readAt: '2026-12-06T10:00:00Z',
  };

  posture = {
    getOpenFindings: async () =>
      this.findingsUnavailable
        ? { list: [], unavailableReason: 'Security Hub throttled' }
        : { list: this.findings },
  };
  finops = {
    getOverview: async () =>
      ({
        month: '2026-12',
        budget: {
          name: 'huntaze-monthly',
          limitMicros: 500_000_000,
          actualMicros: this.actualMicros,
          forecastMicros: this.forecastMicros,
          notifications: [],
        },
        forecast: null,
      } as unknown as FinOpsOverview),
  };
  throttling = {
    getOverview: async (): Promise<ThrottlingOverview> => ({
      generatedAt: '2026-12-06T10:00:00Z',
      windowMinutes: 5,
      redis: { state: 'unavailable', reason: 'not read in this test' },
      dlq: { state: 'ok', ...this.dlq },
    }),
  };
}

class RecordingNotifications implements NotificationService {
  sent: NotificationSendOptions[] = [];
  failNext = false;
  async send(options: NotificationSendOptions) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('notifications backend unavailable');
    }
    this.sent.push(options);
  }
  take() {
    const sent = this.sent.map(s => ({
      to: (s.recipients as { entityRef: string[] }).entityRef,
      title: s.payload.title,
      link: s.payload.link,
      scope: s.payload.scope,
    }));
    this.sent = [];
    return sent;
  }
}

let db: Knex;
let account: Account;
let notifications: RecordingNotifications;

function notifier() {
  return new OwnerNotifier({
    catalog: catalogServiceMock({ entities: seededCatalogEntities() }),
    auth: mockServices.auth(),
    notifications,
    ledger: new NoticeLedger(db),
    logger: mockServices.logger.mock(),
    posture: account.posture,
    finops: account.finops,
    throttling: account.throttling,
    checkTitle: id => `title of ${id}`,
    finopsGroup: 'group:default/finops',
    dlqMinutes: 15,
    now: () => new Date('2026-12-06T10:00:00Z'),
  });
}

beforeEach(async () => {
  db = await migratedSqlite();
  account = new Account();
  notifications = new RecordingNotifications();
});
afterEach(() => db.destroy());

describe('OwnerNotifier', () => {
  it('tells each owner once: the web team its finding, FinOps the forecast, on-call the DLQ', async () => {
    expect(await notifier().scan()).toEqual({ sent: 3, skipped: ['limiter'] });
    expect(notifications.take()).toEqual([
      {
        to: ['group:default/team-web'],
        title:
          'HIGH finding on Web: ECS containers should run as non-privileged',
        link: '/prod-hardening/posture?finding=f-web',
        scope: 'prod-hardening:finding:f-web',
      },
      expect.objectContaining({
        to: ['group:default/finops'],
        title: 'Forecast at 90 % of huntaze-monthly',
      }),
      expect.objectContaining({
        to: ['group:default/platform-oncall'],
        link: '/prod-hardening/throttling',
      }),
    ]);

    expect(await notifier().scan()).toEqual({ sent: 0, skipped: ['limiter'] });
    expect(notifications.take()).toEqual([]);
  });

  it('tells again what changed: a finding turned critical, spend over the budget, a new DLQ incident', async () => {
    await notifier().scan();
    notifications.take();

    account.findings = [finding('f-web', { severity: 'CRITICAL' })];
    account.actualMicros = 510_000_000;
    account.dlq = { ...account.dlq, depth: 0, oldestAgeSeconds: null };
    await notifier().scan();
    expect(notifications.take().map(n => n.title)).toEqual([
      'CRITICAL finding on Web: ECS containers should run as non-privileged',
      'Spend is over huntaze-monthly: $510 of $500',
    ]);

    account.dlq = { ...account.dlq, depth: 2, oldestAgeSeconds: 20 * 60 };
    await notifier().scan();
    expect(notifications.take()).toEqual([
      expect.objectContaining({ to: ['group:default/platform-oncall'] }),
    ]);
  });

  it('sends each notice once when two replicas scan at the same time', async () => {
    await Promise.all([notifier().scan(), notifier().scan()]);
    expect(notifications.take().map(n => n.scope)).toEqual([
      'prod-hardening:finding:f-web',
      'prod-hardening:budget:2026-12:forecast',
      'prod-hardening:throttling:dlq',
    ]);
  });

  it('retries a notice whose send failed, and keeps what it could not read for later', async () => {
    notifications.failNext = true;
    account.findingsUnavailable = true;
    expect(await notifier().scan()).toEqual({
      sent: 1,
      skipped: ['findings', 'limiter'],
    });
    expect(notifications.take().map(n => n.scope)).toEqual([
      'prod-hardening:throttling:dlq',
    ]);

    account.findingsUnavailable = false;
    await notifier().scan();
    expect(notifications.take().map(n => n.scope)).toEqual([
      'prod-hardening:finding:f-web',
      'prod-hardening:budget:2026-12:forecast',
    ]);
  });

  it('tells the owners of a remediated resource, once per attempt', async () => {
    const attempt = {
      historyId: 'h-1',
      checkId: 'ecs-container-insights',
      resourceId: 'huntaze-web-production',
      actor: 'user:default/dana',
      outcome: 'succeeded',
    };
    await notifier().remediationExecuted(attempt);
    await notifier().remediationExecuted(attempt);
    expect(notifications.take()).toEqual([
      {
        to: ['group:default/team-web'],
        title: 'Remediation succeeded: title of ecs-container-insights',
        link: '/prod-hardening/posture',
        scope: 'prod-hardening:remediation:h-1',
      },
    ]);
  });
});
