import { resolve } from 'node:path';
import { startLocalStack, LocalStack } from './localStack';
import { pingRedis } from './stack';

jest.setTimeout(60_000);

const CONFIG = resolve(__dirname, '..', '..', 'app-config.yaml');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startLocalStack Redis outage', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({
      configPath: CONFIG,
      seed: false,
      traffic: false,
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('stops Redis as an outage, restarts it empty on the same port, and stops the restarted one with the stack', async () => {
    const first = stack.redis;
    const exits: string[] = [];
    stack.unexpectedExit.then(reason => exits.push(reason));

    await stack.stopRedis();
    expect(await pingRedis(first.port)).toBe(false);
    expect(isAlive(first.process.pid)).toBe(false);

    await Promise.all([stack.restartRedis(), stack.restartRedis()]);
    const second = stack.redis;
    expect(second.port).toBe(first.port);
    expect(second.process.pid).not.toBe(first.process.pid);
    expect(await pingRedis(second.port)).toBe(true);

    // Restarting a running Redis changes nothing.
    await stack.restartRedis();
    expect(stack.redis).toBe(second);
    // A deliberate stop is not an unexpected exit.
    await new Promise(r => setImmediate(r));
    expect(exits).toEqual([]);

    await stack.stop();
    expect(isAlive(second.process.pid)).toBe(false);
    expect(await pingRedis(second.port)).toBe(false);
  });
});
