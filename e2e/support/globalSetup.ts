import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  getFreePort,
  startLocalStack,
  startProcess,
  waitUntilHealthy,
} from '@prod-hardening/dev-stack';
import { STATE_FILE, PortalState } from './portal';
import { serveStackControl, StackControl } from './stackControl';

const REPO_ROOT = resolve(__dirname, '..', '..');
const OUTPUT_DIR = resolve(__dirname, '..', 'output');

function buildApp() {
  const cli = require.resolve('@backstage/cli/bin/backstage-cli');
  const result = spawnSync(process.execPath, [cli, 'package', 'build'], {
    cwd: resolve(REPO_ROOT, 'packages', 'app'),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `building packages/app failed:\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/**
 * Starts the whole portal once for all specs: local stack on free ports, the app
 * built and served by the backend (one origin, like production), and returns the
 * teardown that stops exactly what was started.
 */
export default async function globalSetup() {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const log = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
  const stack = await startLocalStack({
    configPath: resolve(REPO_ROOT, 'app-config.yaml'),
    log,
  });
  let control: StackControl | undefined;
  try {
    buildApp();
    const port = await getFreePort();
    const baseUrl = `http://localhost:${port}`;
    const overrides = resolve(OUTPUT_DIR, 'app-config.e2e.json');
    writeFileSync(
      overrides,
      JSON.stringify({
        app: { baseUrl },
        backend: { baseUrl, listen: { port }, cors: { origin: baseUrl } },
        prodHardening: {
          aws: { endpoint: stack.moto.endpoint, maxAttempts: 1 },
          redis: {
            url: stack.redis.url,
            connectTimeoutMs: 500,
            commandTimeoutMs: 500,
          },
          finops: { savingsChangeDay: stack.savingsChangeDay },
          // Scans early and often, so a spec sees the owners' notifications.
          notifications: { frequencyMinutes: 1, initialDelaySeconds: 5 },
        },
      }),
    );
    const cli = require.resolve('@backstage/cli/bin/backstage-cli');
    const backend = startProcess(
      'backstage backend',
      process.execPath,
      [
        cli,
        'package',
        'start',
        '--config',
        resolve(REPO_ROOT, 'app-config.yaml'),
        '--config',
        resolve(REPO_ROOT, 'app-config.development.yaml'),
        '--config',
        overrides,
      ],
      {
        cwd: resolve(REPO_ROOT, 'packages', 'backend'),
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          NODE_ENV: 'development',
        },
      },
    );
    await waitUntilHealthy(
      backend,
      async () => (await fetch(`${baseUrl}/api/prod-hardening/health`)).ok,
      120_000,
    );
    log(`portal at ${baseUrl}`);

    // This process owns the stack for the whole run; specs change it through here.
    control = await serveStackControl(stack);
    const state: PortalState = {
      baseUrl,
      motoEndpoint: stack.moto.endpoint,
      controlUrl: control.url,
    };
    writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));

    return async () => {
      await control?.close();
      await backend.stop();
      await stack.stop();
    };
  } catch (err) {
    await control?.close();
    await stack.stop();
    throw err;
  }
}
