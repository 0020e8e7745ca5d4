import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

jest.setTimeout(30_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startProcess', () => {
  it('kills the servers it started when the owning process exits without stopping them', async () => {
    // A child Node process starts redis-server and exits at once, printing the pid.
    const script = `
      const { startRedis } = require(${JSON.stringify(
        resolve(__dirname, 'redis'),
      )});
      startRedis().then(r => { console.log(r.process.pid); process.exit(0); });
    `;
    const tsx = require.resolve('tsx/cli');
    const out = spawnSync(process.execPath, [tsx, '-e', script], {
      encoding: 'utf8',
    });
    const pid = Number(out.stdout.trim().split('\n').pop());
    expect(pid).toBeGreaterThan(0);
    // SIGKILL is asynchronous: give the kernel a moment to reap it.
    for (let i = 0; i < 40 && isAlive(pid); i++)
      await new Promise(r => setTimeout(r, 50));
    expect(isAlive(pid)).toBe(false);
  });
});
