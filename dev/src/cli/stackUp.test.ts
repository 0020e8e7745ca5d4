import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { getFreePort } from '../stack';

// Seeding takes ~20 s on an idle machine and several times that on a loaded one;
// the limit only catches a hang.
jest.setTimeout(180_000);

const TSX_CLI = require.resolve('tsx/cli');
const STACK_UP = resolve(__dirname, 'stackUp.ts');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('stack:up', () => {
  it('starts and seeds the stack, then stops exactly the processes it started on SIGTERM', async () => {
    const motoPort = await getFreePort();
    const redisPort = await getFreePort();
    const cli = spawn(process.execPath, [TSX_CLI, STACK_UP], {
      env: {
        ...process.env,
        PH_MOTO_PORT: String(motoPort),
        PH_REDIS_PORT: String(redisPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout.on('data', chunk => (output += chunk));
    cli.stderr.on('data', chunk => (output += chunk));
    let pids: number[] = [];
    const exited = new Promise<number | null>(r =>
      cli.once('exit', code => r(code)),
    );

    try {
      await new Promise<void>((ready, fail) => {
        cli.stdout.on('data', () => output.includes('Stack is up') && ready());
        exited.then(code =>
          fail(new Error(`stack:up exited (${code}) early:\n${output}`)),
        );
      });
      expect(output).toContain(`AWS emulator  http://127.0.0.1:${motoPort}`);
      expect(output).toContain(`Redis         redis://127.0.0.1:${redisPort}`);
      expect(output).toMatch(/budgets\s+created budget huntaze-monthly-budget/);
      pids = [...output.matchAll(/pid (\d+)\)/g)].map(m => Number(m[1]));
      expect(pids).toHaveLength(2);
      expect(pids.every(isAlive)).toBe(true);

      cli.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('Stopped.');
      expect(pids.some(isAlive)).toBe(false);
    } finally {
      // On a failed assertion, leave no server behind (each runs in its own group).
      cli.kill('SIGKILL');
      for (const pid of pids.filter(isAlive)) process.kill(-pid, 'SIGKILL');
    }
  });
});
