import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  MotoServer,
  PostgresServer,
  RedisServer,
  ResourceNames,
  startPostgres,
  startRedis,
} from '@prod-hardening/dev-stack';
import knexFactory from 'knex';
import request from 'supertest';
import { prodHardeningPlugin } from './plugin';
import { CountingProxy, startCountingProxy } from './testUtils/countingProxy';
import { pluginConfig, startSeededMoto } from './testUtils/localAccount';

jest.setTimeout(300_000);

const API = '/api/prod-hardening';
/** The scheduler looks for due work this often (Backstage's default). */
const SCHEDULER_POLL_MS = 5_000;
/** Cost Explorer's JSON target prefix: every Cost Explorer request names it. */
const COST_EXPLORER = 'AWSInsightsIndexService.';
/**
 * The FinOps refresh at start-up: daily costs, forecast, anomalies, then the savings
 * targets' usage types (the posture's anomaly-monitor check reads Cost Explorer too,
 * once per evaluation).
 */
const START_UP_REFRESH = {
  GetCostAndUsage: 2,
  GetCostForecast: 1,
  GetAnomalies: 1,
};

interface Replica {
  name: string;
  server: any;
  stop(): Promise<void>;
}

/**
 * The production shape on this machine: PostgreSQL (Debian's, via the dev-stack
 * harness) as the Backstage database, one Redis, the seeded emulator behind a proxy
 * that counts every AWS request, and backend replicas on their own ports with
 * Backstage's real database service and scheduler.
 */
describe('replicas sharing PostgreSQL and Redis', () => {
  let postgres: PostgresServer;
  let redis: RedisServer;
  let moto: MotoServer;
  let resources: ResourceNames;
  let proxy: CountingProxy;
  const logs: Array<{ replica: string; message: string }> = [];
  const running: Replica[] = [];
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    [postgres, redis, { moto, resources }] = await Promise.all([
      startPostgres(),
      startRedis(),
      startSeededMoto(),
    ]);
    proxy = await startCountingProxy(moto.endpoint);
  });

  afterAll(async () => {
    for (const replica of running) await replica.stop().catch(() => undefined);
    await proxy?.stop();
    await Promise.all([moto?.stop(), redis?.stop(), postgres?.stop()]);
  });

  /** A logger that keeps what each replica says, to count scheduled runs. */
  function loggerOf(replica: string) {
    const log =
      (level: string) =>
      (message: string): void => {
        logs.push({ replica, message: `${level} ${message}` });
      };
    const logger: LoggerService = {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: () => undefined,
      child: () => logger,
    };
    return createServiceFactory({
      service: coreServices.logger,
      deps: {},
      factory: () => logger,
    });
  }

  async function startReplica(name: string): Promise<Replica> {
    const backend = await startTestBackend({
      features: [
        prodHardeningPlugin,
        pluginConfig({
          endpoint: proxy.endpoint,
          redisUrl: redis.url,
          resources,
          backend: {
            database: { client: 'pg', connection: { ...postgres.connection } },
          },
        }),
        databaseServiceFactory,
        schedulerServiceFactory,
        loggerOf(name),
      ],
    });
    const replica = {
      name,
      server: backend.server,
      stop: () => backend.stop(),
    };
    running.push(replica);
    return replica;
  }

  const costExplorerRequests = () =>
    proxy.log.filter(line => line.includes(COST_EXPLORER)).length;
  /** The FinOps refresh's Cost Explorer requests, by operation. */
  const refreshRequests = () => {
    const counts: Record<string, number> = {};
    for (const line of proxy.log) {
      const operation = line.split(COST_EXPLORER)[1];
      if (operation && operation in START_UP_REFRESH) {
        counts[operation] = (counts[operation] ?? 0) + 1;
      }
    }
    return counts;
  };
  const snapshots = () =>
    logs.filter(l => l.message.startsWith('info Posture snapshot'));
  /** GuardDuty writes (CreateDetector, UpdateDetector); its reads are GETs. */
  const guardDutyWrites = () =>
    proxy.log.filter(line => line.startsWith('POST /detector')).length;

  /** Polls `probe` until it is true; fails with `what` after `timeoutMs`. */
  async function waitFor(
    what: string,
    probe: () => boolean,
    timeoutMs: number,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what}`);
      await sleep(250);
    }
  }

  const preview = async (replica: Replica, checkId: string) => {
    const res = await request(replica.server)
      .post(`${API}/remediations/preview`)
      .send({ checkId, override: true });
    expect(res.status).toBe(200);
    expect(res.body.planId).toEqual(expect.any(String));
    return res.body;
  };
  const execute = (replica: Replica, planId: string) =>
    request(replica.server)
      .post(`${API}/remediations/execute`)
      .send({ planId, reason: 'CHG-77: replicas' });
  const statusOf = async (replica: Replica, checkId: string) => {
    const res = await request(replica.server).get(`${API}/posture`);
    expect(res.status).toBe(200);
    return res.body.checks.find((c: any) => c.id === checkId)?.status;
  };

  it('boot together on one database and read Cost Explorer and take the posture snapshot once, start-up included', async () => {
    [a, b] = await Promise.all([startReplica('A'), startReplica('B')]);

    await waitFor(
      'the start-up Cost Explorer refresh',
      () => refreshRequests().GetCostAndUsage >= 2,
      60_000,
    );
    await waitFor(
      'the first posture snapshot (30 s after start-up)',
      () => snapshots().length >= 1,
      60_000,
    );
    // Two more polls of both schedulers: nothing else may run.
    await sleep(2 * SCHEDULER_POLL_MS);
    expect(refreshRequests()).toEqual(START_UP_REFRESH);
    expect(snapshots()).toHaveLength(1);
    const costExplorerBefore = costExplorerRequests();

    // A third replica starting later adds no request and no snapshot.
    const c = await startReplica('C');
    expect((await request(c.server).get(`${API}/finops/overview`)).status).toBe(
      200,
    );
    await sleep(2 * SCHEDULER_POLL_MS);
    expect(costExplorerRequests()).toBe(costExplorerBefore);
    expect(snapshots()).toHaveLength(1);
    // The request counter every replica shows is the shared one.
    const overview = await request(b.server).get(`${API}/finops/overview`);
    expect(overview.body.costExplorerUsage.requests).toBe(4);
    await c.stop();

    // Each migration ran once, though three replicas ran them.
    const db = knexFactory({
      client: 'pg',
      connection: {
        ...postgres.connection,
        database: 'backstage_plugin_prod-hardening',
      },
    });
    try {
      const applied = await db('prod_hardening_knex_migrations').pluck('name');
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied).size).toBe(applied.length);
    } finally {
      await db.destroy();
    }
  });

  it('executes on B a plan previewed on A', async () => {
    const plan = await preview(a, 'sqs-encryption');
    const res = await execute(b, plan.planId);
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('succeeded');
    const history = await request(a.server).get(`${API}/remediations/history`);
    expect(history.body.items[0]).toMatchObject({
      id: res.body.historyId,
      planId: plan.planId,
      outcome: 'succeeded',
    });
  });

  it('runs a plan executed on A and B at once exactly once; the other gets 409', async () => {
    const before = guardDutyWrites();
    const plan = await preview(a, 'guardduty-enabled');
    const answers = await Promise.all([
      execute(a, plan.planId),
      execute(b, plan.planId),
    ]);
    expect(answers.map(r => r.status).sort()).toEqual([200, 409]);
    const refused = answers.find(r => r.status === 409)!;
    expect(refused.body.error.message).toMatch(/already running|already used/);
    expect(guardDutyWrites() - before).toBe(1);
  });

  it('B serves the new posture at its first request after a remediation on A answered', async () => {
    const check = 'dynamodb-pitr';
    // B has the failing posture cached (for 60 s without the change mark).
    expect(await statusOf(b, check)).toBe('FAIL');
    const plan = await preview(a, check);
    const res = await execute(a, plan.planId);
    expect(res.body.outcome).toBe('succeeded');
    expect(await statusOf(b, check)).toBe('PASS');
  });

  it('history verifies intact across the attempts of both replicas', async () => {
    const res = await request(b.server).get(
      `${API}/remediations/history/verify`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, inProgress: 0 });
    // sqs, the guardduty race (success and conflict), dynamodb.
    expect(res.body.checkedRows).toBe(4);
  });

  it('with PostgreSQL stopped, change routes answer 503 with a message, never "already running"', async () => {
    const plan = await preview(a, 'ecs-container-insights');
    await postgres.stop();

    const answers = [
      await execute(b, plan.planId),
      await execute(a, '00000000-0000-4000-8000-000000000000'),
      await request(a.server)
        .post(`${API}/remediations/preview`)
        .send({ checkId: 'ecs-container-insights' }),
      await request(b.server).post(`${API}/throttling/dlq/redrive`).send({}),
    ];
    // Whichever store the route reads first (exemptions before the remediation lock)
    // is the one named.
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        /^The (remediation|exemption) store is unavailable: .+\. Try again later\.$/,
      );
      expect(res.body.error.message).not.toMatch(/already running/);
    }
    // Reading the posture does not need the database; what is stored there is a 503.
    expect((await request(b.server).get(`${API}/posture`)).status).toBe(200);
    for (const [path, store] of [
      ['/finops/overview', 'FinOps store'],
      ['/posture/trend', 'posture trend store'],
      ['/remediations/history', 'remediation store'],
    ]) {
      const res = await request(a.server).get(`${API}${path}`);
      expect([path, res.status]).toEqual([path, 503]);
      expect(res.body.error.message).toMatch(
        new RegExp(`^The ${store} is unavailable: .+\\. Try again later\\.$`),
      );
    }
  });
});

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
