/**
 * `npm start`: the whole portal on this machine. Starts the local stack (moto_server
 * and redis-server, seeded), then the Backstage backend (7007) and frontend (3000)
 * pointed at it. Ctrl-C stops everything this command started, and nothing else.
 *
 *   npm start -- [--config app-config.yaml] [--no-seed]
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  DEVELOPMENT_APP_CONFIG,
  failWith,
  signalled,
  startStackFromArgs,
} from './common';

const REPO_ROOT = resolve(__dirname, '../../..');
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const { stack, configPath } = await startStackFromArgs(log);
  log(`AWS emulator ${stack.moto.endpoint}, Redis ${stack.redis.url}`);
  log(
    'Starting Backstage: backend http://localhost:7007, portal http://localhost:3000/prod-hardening',
  );

  // The emulator accepts any credentials; fixed dummy ones keep real keys from this
  // shell away from it. Ports that differ from app-config's defaults are passed on.
  const portal = spawn(
    process.execPath,
    [
      require.resolve('@backstage/cli/bin/backstage-cli'),
      'repo',
      'start',
      '--config',
      configPath,
      // The local guest sign-in; app-config.yaml itself has no sign-in, see that file.
      '--config',
      DEVELOPMENT_APP_CONFIG,
    ],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      detached: true,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_SESSION_TOKEN: '',
        AWS_PROFILE: '',
        APP_CONFIG_prodHardening_aws_endpoint: stack.moto.endpoint,
        APP_CONFIG_prodHardening_redis_url: stack.redis.url,
        ...(stack.savingsChangeDay && {
          APP_CONFIG_prodHardening_finops_savingsChangeDay:
            stack.savingsChangeDay,
        }),
      },
    },
  );
  const portalExit = new Promise<string>(res =>
    portal.once('exit', code => res(`Backstage exited (code ${code})`)),
  );

  const reason = await Promise.race([
    signalled('SIGINT'),
    signalled('SIGTERM'),
    stack.unexpectedExit,
    portalExit,
  ]);
  log(`\n${reason}: stopping...`);
  if (portal.exitCode === null && portal.pid) {
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const killTimer = setTimeout(() => {
      try {
        process.kill(-portal.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await portalExit;
    clearTimeout(killTimer);
  }
  await stack.stop();
  log('Stopped.');
  if (!reason.startsWith('received')) process.exitCode = 1;
}

main().catch(failWith);
