/**
 * Starts the local stack: moto_server (PH_MOTO_PORT, default 5055) and redis-server
 * (PH_REDIS_PORT, default 6390), seeds the demo account, and keeps both running until
 * Ctrl-C or SIGTERM, then stops exactly the two processes it started.
 *
 *   npm run stack:up -- [--config app-config.yaml] [--no-seed]
 */
import { failWith, signalled, startStackFromArgs } from './common';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { stack } = await startStackFromArgs(log);
  log('');
  log(
    `AWS emulator  ${stack.moto.endpoint}   (moto_server pid ${stack.moto.process.pid})`,
  );
  log(
    `Redis         ${stack.redis.url}   (redis-server pid ${stack.redis.process.pid})`,
  );
  log('Stack is up. Press Ctrl-C to stop it.');

  const reason = await Promise.race([
    signalled('SIGINT'),
    signalled('SIGTERM'),
    stack.unexpectedExit,
  ]);
  log(`\n${reason}: stopping the stack...`);
  await stack.stop();
  log('Stopped.');
  if (reason.includes('unexpectedly')) process.exitCode = 1;
}

main().catch(failWith);
