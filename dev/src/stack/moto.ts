import { assertPortFree, getFreePort } from './freePort';
import {
  startProcess,
  waitUntilHealthy,
  ManagedProcess,
} from './managedProcess';

export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  /** Wipes all emulated state (POST /moto-api/reset). */
  reset(): Promise<void>;
  stop(): Promise<void>;
  readonly process: ManagedProcess;
}

export interface MotoOptions {
  /** Fixed port; a free one is chosen when omitted. */
  port?: number;
  accountId?: string;
  command?: string;
  readyTimeoutMs?: number;
}

/** Starts `moto_server` on 127.0.0.1 and waits until it answers. */
export async function startMoto(
  options: MotoOptions = {},
): Promise<MotoServer> {
  if (options.port !== undefined)
    await assertPortFree(options.port, 'moto_server');
  const port = options.port ?? (await getFreePort());
  const endpoint = `http://127.0.0.1:${port}`;
  const proc = startProcess(
    'moto_server',
    options.command ?? 'moto_server',
    ['-H', '127.0.0.1', '-p', String(port)],
    {
      env: {
        ...process.env,
        MOTO_ACCOUNT_ID: options.accountId ?? '123456789012',
      },
    },
  );
  await waitUntilHealthy(
    proc,
    async () => (await fetch(`${endpoint}/moto-api/data.json`)).ok,
    options.readyTimeoutMs ?? 30_000,
  );
  return {
    endpoint,
    port,
    process: proc,
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop: () => proc.stop(),
  };
}
