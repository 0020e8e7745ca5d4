import { connect } from 'node:net';
import { assertPortFree, getFreePort } from './freePort';
import {
  startProcess,
  waitUntilHealthy,
  ManagedProcess,
} from './managedProcess';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  readonly process: ManagedProcess;
}

export interface RedisOptions {
  port?: number;
  command?: string;
  readyTimeoutMs?: number;
  /** More `redis-server` arguments, e.g. to run a cluster node. */
  args?: string[];
  /** Requires AUTH with this password (`--requirepass`); the health check sends it. */
  password?: string;
}

/** Sends PING over a raw socket; avoids a client library in the stack tooling. */
export function pingRedis(
  port: number,
  timeoutMs = 500,
  password?: string,
): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () =>
      socket.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`),
    );
    let reply = '';
    socket.on('data', data => {
      reply += data.toString();
      if (reply.startsWith('-')) done(false);
      else if (reply.includes('+PONG')) done(true);
    });
  });
}

/** Starts a throw-away `redis-server` (no persistence) on 127.0.0.1. */
export async function startRedis(
  options: RedisOptions = {},
): Promise<RedisServer> {
  if (options.port !== undefined)
    await assertPortFree(options.port, 'redis-server');
  const port = options.port ?? (await getFreePort());
  const proc = startProcess('redis-server', options.command ?? 'redis-server', [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--protected-mode',
    'yes',
    ...(options.password ? ['--requirepass', options.password] : []),
    ...(options.args ?? []),
  ]);
  await waitUntilHealthy(
    proc,
    () => pingRedis(port, 500, options.password),
    options.readyTimeoutMs ?? 10_000,
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: proc,
    stop: () => proc.stop(),
  };
}
