import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startRedis, RedisServer } from './redis';

/**
 * A primary and a replica behind one endpoint that follows the primary, like an
 * ElastiCache replication group's primary endpoint: after `failover()` new
 * connections reach the new primary, while connections already open stay on the old
 * node, now a replica that answers writes with READONLY.
 */
export interface RedisFailoverPair {
  /** The primary endpoint, `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The node the endpoint points at now. */
  primary(): RedisServer;
  replica(): RedisServer;
  /** Promotes the replica, demotes the primary to its replica and moves the endpoint. */
  failover(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisFailoverOptions {
  /** More `redis-server` arguments for both nodes. */
  args?: string[];
  /** Both nodes require AUTH with this password (and the replica uses it to sync). */
  password?: string;
  syncTimeoutMs?: number;
}

export async function startRedisFailoverPair(
  options: RedisFailoverOptions = {},
): Promise<RedisFailoverPair> {
  const args = [
    ...(options.args ?? []),
    // A replica authenticates to its primary with the same password.
    ...(options.password ? ['--masterauth', options.password] : []),
  ];
  // A full sync moves an RDB file even without persistence: keep it out of the cwd.
  const dir = mkdtempSync(join(tmpdir(), 'redis-failover-'));
  const node = (name: string) => {
    const nodeDir = join(dir, name);
    mkdirSync(nodeDir);
    return startRedis({
      args: [...args, '--dir', nodeDir],
      password: options.password,
    });
  };
  const stopNodes = async () => {
    await Promise.all(nodes.map(n => n.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  const nodes = await Promise.all([node('a'), node('b')]);
  let primary = 0;
  const command = (server: RedisServer, line: string) =>
    redisCommand(server.port, line, options.password);
  const follow = async (replica: RedisServer, of: RedisServer) => {
    await command(replica, `REPLICAOF 127.0.0.1 ${of.port}`);
    const deadline = Date.now() + (options.syncTimeoutMs ?? 10_000);
    while (
      !(await command(replica, 'INFO replication')).includes(
        'master_link_status:up',
      )
    ) {
      if (Date.now() > deadline) {
        throw new Error(`replica ${replica.port} did not sync with ${of.port}`);
      }
      await new Promise(r => setTimeout(r, 50));
    }
  };

  const sockets = new Set<Socket>();
  const endpoint = createServer(client => {
    const upstream = connect({ host: '127.0.0.1', port: nodes[primary].port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>(resolve => endpoint.close(() => resolve()));
    await stopNodes();
  };
  try {
    await follow(nodes[1], nodes[0]);
    await new Promise<void>(resolve =>
      endpoint.listen(0, '127.0.0.1', resolve),
    );
  } catch (err) {
    await stopNodes();
    throw err;
  }
  const { port } = endpoint.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    primary: () => nodes[primary],
    replica: () => nodes[1 - primary],
    async failover() {
      const [oldPrimary, newPrimary] = [nodes[primary], nodes[1 - primary]];
      await command(newPrimary, 'REPLICAOF NO ONE');
      primary = 1 - primary;
      await follow(oldPrimary, newPrimary);
    },
    stop,
  };
}

/**
 * One inline command over a raw socket (the stack tooling has no Redis client); the
 * reply's text, or a rejection with Redis's error.
 */
export function redisCommand(
  port: number,
  line: string,
  password?: string,
  timeoutMs = 2_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const expected = password ? 2 : 1;
    const finish = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else
        resolve(
          reply
            .split('\r\n')
            .slice(expected - 1 ? 1 : 0)
            .join('\r\n'),
        );
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`redis ${port}: no reply to ${line.split(' ')[0]}`)),
    );
    socket.once('error', err => finish(err));
    socket.once('connect', () =>
      socket.write(`${password ? `AUTH ${password}\r\n` : ''}${line}\r\n`),
    );
    socket.on('data', data => {
      reply += data.toString();
      const error = /^-(.*)$/m.exec(reply);
      if (error) finish(new Error(`redis ${port}: ${error[1]}`));
      else if (complete(reply, expected)) finish();
    });
  });
}

/** Whether `text` holds `count` whole RESP replies (simple, error or bulk strings). */
function complete(text: string, count: number): boolean {
  let at = 0;
  for (let i = 0; i < count; i++) {
    const end = text.indexOf('\r\n', at);
    if (end < 0) return false;
    if (text[at] === '$') {
      const length = Number(text.slice(at + 1, end));
      const bodyEnd = end + 2 + Math.max(length, 0);
      if (length >= 0 && Buffer.byteLength(text) < bodyEnd + 2) return false;
      at = length < 0 ? end + 2 : bodyEnd + 2;
    } else {
      at = end + 2;
    }
  }
  return true;
}
