import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startRedis, RedisServer } from '@prod-hardening/dev-stack';

const run = promisify(execFile);

export interface RedisCluster {
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

/**
 * A throw-away Redis Cluster of `size` masters on 127.0.0.1 (no replicas), for
 * tests of what changes on a cluster: slots, routing, cross-slot refusals.
 */
export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
  const servers: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map(s => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) {
      const nodeDir = mkdtempSync(join(dir, 'node-'));
      servers.push(
        await startRedis({
          args: [
            '--cluster-enabled',
            'yes',
            '--dir',
            nodeDir,
            '--cluster-node-timeout',
            '5000',
          ],
        }),
      );
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...servers.map(s => `127.0.0.1:${s.port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    const deadline = Date.now() + 20_000;
    for (const server of servers) {
      for (;;) {
        const { stdout } = await run('redis-cli', [
          '-p',
          String(server.port),
          'cluster',
          'info',
        ]);
        if (stdout.includes('cluster_state:ok')) break;
        if (Date.now() > deadline)
          throw new Error(`cluster node ${server.port} never became ok`);
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes: servers.map(s => ({ host: '127.0.0.1', port: s.port })),
    stop,
  };
}
