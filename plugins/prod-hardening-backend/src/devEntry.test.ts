import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { getFreePort } from '@prod-hardening/dev-stack';

jest.setTimeout(300_000);

const PACKAGE_DIR = resolve(__dirname, '..');

/** The endpoint /health names for AWS, e.g. "AWS (us-east-1, http://127.0.0.1:1234)". */
const awsEndpointOf = (health: any): string | undefined =>
  health.sources
    ?.find((s: any) => s.id === 'aws')
    ?.label?.match(/(http:\/\/[^)]+)\)/)?.[1];

const reachable = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

describe('npm start inside the backend plugin (dev/index.ts)', () => {
  it('runs the plugin alone against a local stack it starts, and stops that stack on Ctrl-C', async () => {
    // The free port is free when chosen; the stack the entry starts first may take it
    // meanwhile (EADDRINUSE), so a second port is tried once.
    try {
      await startAndStop(await getFreePort());
    } catch (err) {
      if (!/EADDRINUSE/.test(String(err))) throw err;
      await startAndStop(await getFreePort());
    }
  });
});

async function startAndStop(port: number) {
  const child = spawn(
    process.execPath,
    [require.resolve('@backstage/cli/bin/backstage-cli'), 'package', 'start'],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, APP_CONFIG_backend_listen_port: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const exited = new Promise<number | null>(r => child.once('exit', r));
  try {
    const base = `http://127.0.0.1:${port}/api/prod-hardening`;
    let health: any;
    for (let waited = 0; !health && waited < 240_000; waited += 2_000) {
      if (child.exitCode !== null) break;
      health = await fetch(`${base}/health`)
        .then(r => (r.ok ? r.json() : undefined))
        .catch(() => undefined);
      if (!health) await new Promise(r => setTimeout(r, 2_000));
    }
    if (!health) throw new Error(`the dev backend did not start:\n${output}`);
    expect(health.status).toBe('ok');
    const moto = awsEndpointOf(health);
    expect(moto).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The seeded account, read as the guest.
    const posture = await (await fetch(`${base}/posture`)).json();
    expect(posture.accountId).toBe('123456789012');
    expect(posture.checks.length).toBeGreaterThan(10);

    child.kill('SIGINT');
    await exited;
    expect(await reachable(`${moto}/moto-api/`)).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
