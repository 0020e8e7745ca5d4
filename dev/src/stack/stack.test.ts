import { createServer, Server } from 'node:net';
import Redis from 'ioredis';
import { getFreePort } from './freePort';
import { startMoto } from './moto';
import { pingRedis, startRedis } from './redis';

jest.setTimeout(30_000);

/** True while a process with this pid exists (signal 0 only checks). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startMoto', () => {
  it('starts moto_server on a free port, answers, and stop() ends the process', async () => {
    const moto = await startMoto();
    try {
      expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
      const res = await fetch(`${moto.endpoint}/moto-api/data.json`);
      expect(res.ok).toBe(true);
      expect(isAlive(moto.process.pid)).toBe(true);
    } finally {
      await moto.stop();
    }
    expect(isAlive(moto.process.pid)).toBe(false);
    await expect(
      fetch(`${moto.endpoint}/moto-api/data.json`),
    ).rejects.toThrow();
  });
});

describe('startRedis', () => {
  it('starts redis-server that answers PING, and stop() ends the process', async () => {
    const redis = await startRedis();
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(await pingRedis(redis.port)).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(isAlive(redis.process.pid)).toBe(false);
    expect(await pingRedis(redis.port)).toBe(false);
  });

  it('is ready with --requirepass and puts the password in its URL, as production does', async () => {
    const redis = await startRedis({ password: 'p@ss word' });
    const client = new Redis(redis.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    try {
      expect(redis.url).toBe(`redis://:p%40ss%20word@127.0.0.1:${redis.port}`);
      await client.connect();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });

  it('refuses a fixed port that something else already listens on', async () => {
    const port = await getFreePort();
    const squatter: Server = createServer();
    await new Promise<void>(resolve =>
      squatter.listen(port, '127.0.0.1', resolve),
    );
    try {
      await expect(startRedis({ port })).rejects.toThrow(
        `127.0.0.1:${port} is already in use`,
      );
    } finally {
      await new Promise(resolve => squatter.close(resolve));
    }
  });
});
