import {
  formatSeedSummary,
  loadResourceNames,
  seedDemoAccount,
  storySavingsChangeDay,
} from './seed';
import {
  startDemoTraffic,
  startMoto,
  startRedis,
  DemoTraffic,
  MotoServer,
  RedisServer,
} from './stack';
import { loadAwsTarget } from './awsTarget';

export interface LocalStackOptions {
  /** app-config.yaml that names the account, region and resources. */
  configPath: string;
  /** Fixed ports; free ones are chosen when omitted. */
  motoPort?: number;
  redisPort?: number;
  /** Build the demo account's starting story (default true). */
  seed?: boolean;
  /**
   * Run live rate-limiter traffic on the seeded queues (the real handler, the stub
   * messaging API and a producer) until the stack stops. Default: when seeded.
   */
  traffic?: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export interface LocalStack {
  readonly moto: MotoServer;
  readonly redis: RedisServer;
  readonly region: string;
  readonly accountId: string;
  /**
   * When seeded: the day the story's cost savings began, for the portal's
   * prodHardening.finops.savingsChangeDay.
   */
  readonly savingsChangeDay?: string;
  /** Resolves with a reason when either server exits on its own (not by `stopRedis`). */
  readonly unexpectedExit: Promise<string>;
  /**
   * Stops Redis as an outage would, for tests of the degraded path. The stack keeps
   * owning the port: `restartRedis` brings it back, `stop` stops whatever runs.
   */
  stopRedis(): Promise<void>;
  /**
   * Starts an empty Redis on the same port (a restart without persistence); does
   * nothing when Redis is running. The stack owns the new server, so it lives as
   * long as the stack, not as long as whoever asked for it.
   */
  restartRedis(): Promise<void>;
  /** Stops exactly the servers this stack started. Idempotent. */
  stop(): Promise<void>;
}

/**
 * moto_server + redis-server on 127.0.0.1, seeded. Used by `npm start`,
 * `npm run stack:up` and the end-to-end tests, so all three see the same story.
 */
export async function startLocalStack(
  options: LocalStackOptions,
): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const { region, accountId } = await loadAwsTarget(options.configPath);
  const resources = await loadResourceNames(options.configPath);

  let moto: MotoServer | undefined;
  let redis: RedisServer | undefined;
  let redisStopped = false;
  let traffic: DemoTraffic | undefined;
  let stopping: Promise<void> | undefined;
  // The traffic first, while the queues and Redis it uses are still there.
  const stop = () =>
    (stopping ??= (traffic?.stop() ?? Promise.resolve())
      .then(() => Promise.all([moto?.stop(), redis?.stop()]))
      .then(() => undefined));
  let reportRedisExit: (reason: string) => void = () => undefined;
  const redisExitedOnItsOwn = new Promise<string>(resolve => {
    reportRedisExit = resolve;
  });
  const watchRedis = (server: RedisServer) =>
    server.process.exited.then(code => {
      if (redis === server && !redisStopped && !stopping) {
        reportRedisExit(`redis-server exited unexpectedly (code ${code})`);
      }
    });

  try {
    // The emulator serves the account app-config names, so the portal's ARNs match.
    moto = await startMoto({ port: options.motoPort, accountId });
    redis = await startRedis({ port: options.redisPort });
    watchRedis(redis);
    let savingsChangeDay: string | undefined;
    if (options.seed ?? true) {
      const now = options.now ?? new Date();
      const summary = await seedDemoAccount({
        endpoint: moto.endpoint,
        region,
        accountId,
        resources,
        now,
      });
      savingsChangeDay = storySavingsChangeDay(now);
      log(formatSeedSummary(summary));
    }
    if (options.traffic ?? options.seed ?? true) {
      traffic = await startDemoTraffic({
        motoEndpoint: moto.endpoint,
        redisUrl: redis.url,
        region,
        queueName: resources.queues.rateLimiter,
        deadLetterQueueName: resources.queues.rateLimiterDlq,
      });
      log(
        `Rate-limiter demo traffic: the Lambda handler on ${resources.queues.rateLimiter} with the stub messaging API (process ${traffic.process.pid})`,
      );
    }
    const unexpectedExit = Promise.race([
      moto.process.exited.then(
        code => `moto_server exited unexpectedly (code ${code})`,
      ),
      redisExitedOnItsOwn,
    ]);
    const redisPort = redis.port;
    let redisChange = Promise.resolve();
    // One change at a time, so a stop and a restart asked together end in order.
    const changeRedis = (change: () => Promise<void>) =>
      (redisChange = redisChange.then(change, change));
    return {
      moto,
      get redis() {
        return redis!;
      },
      stopRedis: () =>
        changeRedis(async () => {
          redisStopped = true;
          await redis?.stop();
        }),
      restartRedis: () =>
        changeRedis(async () => {
          if (stopping || !redisStopped) return;
          redis = await startRedis({ port: redisPort });
          redisStopped = false;
          watchRedis(redis);
        }),
      region,
      accountId,
      savingsChangeDay,
      unexpectedExit,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
