import { formatSeedSummary, loadResourceNames, seedDemoAccount } from './seed';
import { startMoto, startRedis, MotoServer, RedisServer } from './stack';
import { loadAwsTarget } from './cli/common';

export interface LocalStackOptions {
  /** app-config.yaml that names the account, region and resources. */
  configPath: string;
  /** Fixed ports; free ones are chosen when omitted. */
  motoPort?: number;
  redisPort?: number;
  /** Build the demo account's starting story (default true). */
  seed?: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export interface LocalStack {
  readonly moto: MotoServer;
  readonly redis: RedisServer;
  readonly region: string;
  readonly accountId: string;
  /** Resolves with a reason when either server exits on its own. */
  readonly unexpectedExit: Promise<string>;
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

  const started: Array<MotoServer | RedisServer> = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= Promise.all(started.map(s => s.stop())).then(
      () => undefined,
    ));

  try {
    // The emulator serves the account app-config names, so the portal's ARNs match.
    const moto = await startMoto({ port: options.motoPort, accountId });
    started.push(moto);
    const redis = await startRedis({ port: options.redisPort });
    started.push(redis);
    if (options.seed ?? true) {
      const summary = await seedDemoAccount({
        endpoint: moto.endpoint,
        region,
        accountId,
        resources,
        now: options.now,
      });
      log(formatSeedSummary(summary));
    }
    const unexpectedExit = Promise.race([
      moto.process.exited.then(
        code => `moto_server exited unexpectedly (code ${code})`,
      ),
      redis.process.exited.then(
        code => `redis-server exited unexpectedly (code ${code})`,
      ),
    ]);
    return { moto, redis, region, accountId, unexpectedExit, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
