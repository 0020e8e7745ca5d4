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
  /** AUTH password (`--requirepass`), put in `url` as production's `rediss://:token@` does. */
  password?: string;
  /** TLS only (no plain port), as ElastiCache with in-transit encryption; `url` is `rediss://`. */
  tls?: RedisTlsFiles;
}

/** PEM files; clients must trust `caFile` (e.g. NODE_EXTRA_CA_CERTS). */
export interface RedisTlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
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
    ...(options.tls
      ? [
          '--port',
          '0',
          '--tls-port',
          String(port),
          '--tls-cert-file',
          options.tls.certFile,
          '--tls-key-file',
          options.tls.keyFile,
          '--tls-ca-cert-file',
          options.tls.caFile,
          '--tls-auth-clients',
          'no',
        ]
      : []),
    ...(options.args ?? []),
  ]);
  // With TLS or AUTH a plain PING gets no +PONG: the server's own log says it is ready.
  const ready =
    options.tls || options.password
      ? async () => proc.output().includes('Ready to accept connections')
      : () => pingRedis(port);
  await waitUntilHealthy(proc, ready, options.readyTimeoutMs ?? 10_000);
  const auth = options.password
    ? `:${encodeURIComponent(options.password)}@`
    : '';
  return {
    url: `${options.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}`,
    port,
    process: proc,
    stop: () => proc.stop(),
  };
}
