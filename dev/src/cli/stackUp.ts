/**
 * Starts the local stack: moto_server (PH_MOTO_PORT, default 5055) and redis-server
 * (PH_REDIS_PORT, default 6390), seeds the demo account, and keeps both running until
 * Ctrl-C or SIGTERM, then stops exactly the two processes it started.
 *
 *   npm run stack:up -- [--config app-config.yaml] [--no-seed]
 */
import { parseArgs } from 'node:util';
import { formatSeedSummary, loadResourceNames, seedDemoAccount } from '../seed';
import { startMoto, startRedis, MotoServer, RedisServer } from '../stack';
import {
  DEFAULT_APP_CONFIG,
  DEFAULT_MOTO_PORT,
  DEFAULT_REDIS_PORT,
  failWith,
  loadAwsTarget,
  portFromEnv,
} from './common';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: DEFAULT_APP_CONFIG },
      'no-seed': { type: 'boolean', default: false },
    },
  });
  const motoPort = portFromEnv('PH_MOTO_PORT', DEFAULT_MOTO_PORT);
  const redisPort = portFromEnv('PH_REDIS_PORT', DEFAULT_REDIS_PORT);
  const { region, accountId } = await loadAwsTarget(values.config);
  const resources = await loadResourceNames(values.config);

  const started: Array<MotoServer | RedisServer> = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= Promise.all(started.map(s => s.stop())).then(
      () => undefined,
    ));

  try {
    // The emulator serves the account app-config names, so the portal's ARNs match.
    const moto = await startMoto({ port: motoPort, accountId });
    started.push(moto);
    const redis = await startRedis({ port: redisPort });
    started.push(redis);

    if (!values['no-seed']) {
      const summary = await seedDemoAccount({
        endpoint: moto.endpoint,
        region,
        accountId,
        resources,
      });
      log(formatSeedSummary(summary));
    }
    log('');
    log(
      `AWS emulator  ${moto.endpoint}   (moto_server pid ${moto.process.pid})`,
    );
    log(`Redis         ${redis.url}   (redis-server pid ${redis.process.pid})`);
    log('Stack is up. Press Ctrl-C to stop it.');

    const reason = await Promise.race([
      signalled('SIGINT'),
      signalled('SIGTERM'),
      moto.process.exited.then(
        code => `moto_server exited unexpectedly (code ${code})`,
      ),
      redis.process.exited.then(
        code => `redis-server exited unexpectedly (code ${code})`,
      ),
    ]);
    log(`\n${reason}: stopping the stack...`);
    await stopAll();
    log('Stopped.');
    if (reason.includes('unexpectedly')) process.exitCode = 1;
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Resolves on the first delivery of `signal`; later ones are ignored while stopping. */
function signalled(signal: NodeJS.Signals): Promise<string> {
  return new Promise(resolve => {
    process.once(signal, () => {
      process.on(signal, () => undefined);
      resolve(`received ${signal}`);
    });
  });
}

main().catch(failWith);
