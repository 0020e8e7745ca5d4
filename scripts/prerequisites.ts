import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function onPath(command: string): boolean {
  return (
    spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
      .status === 0
  );
}

/**
 * What the local stack and the tests need from the system, as messages that say how
 * to install each missing piece. Empty when everything is there.
 */
export function checkPrerequisites(options: { browser: boolean }): string[] {
  const missing: string[] = [];
  if (!onPath('moto_server')) {
    missing.push(
      'moto_server is missing: install the AWS emulator with `pip install "moto[server]==5.2.1"`.',
    );
  }
  if (!onPath('redis-server')) {
    missing.push(
      'redis-server is missing: `sudo apt-get install -y redis-server` (or npm run setup as root).',
    );
  }
  if (options.browser && !existsSync(CHROMIUM)) {
    missing.push(
      `Chromium is missing at ${CHROMIUM}: \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  return missing;
}
