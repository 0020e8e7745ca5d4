/**
 * The DynamoDB-API servers the ledger benchmark runs against, each started on a free
 * 127.0.0.1 port and stopped afterwards:
 * - moto: the project's local AWS emulator (Python, one process), run through
 *   `moto_server_dynamodb_fix.py`, which removes four of moto's costs that grow with
 *   the table or the item's attributes (see that file); its answers are the stock
 *   server's (`ledgerMotoFix.test.ts`);
 * - moto-stock: stock moto_server, to show what those costs are (not in the default
 *   run: its transactions copy the whole table per item, minutes per run);
 * - dynalite: DynamoDB on LevelDB in Node, in memory, much faster, so the library's own
 *   ceiling shows. It has no TransactWriteItems, so named (exactly-once) entries are
 *   measured on moto only.
 */
import { createRequire } from 'node:module';
import path, { join } from 'node:path';
import {
  getFreePort,
  startMoto,
  startProcess,
  waitUntilHealthy,
} from '@prod-hardening/dev-stack';

export type StoreName = 'moto' | 'moto-stock' | 'dynalite';

export interface BenchStore {
  name: StoreName;
  endpoint: string;
  /** Implements TransactWriteItems (the named-entry path). */
  transactions: boolean;
  stop(): Promise<void>;
}

export async function startStore(name: StoreName): Promise<BenchStore> {
  if (name === 'moto' || name === 'moto-stock') {
    const moto = await startMoto(
      name === 'moto'
        ? { command: join(__dirname, 'moto_server_dynamodb_fix.py') }
        : {},
    );
    return {
      name,
      endpoint: moto.endpoint,
      transactions: true,
      stop: () => moto.stop(),
    };
  }
  return startDynalite();
}

async function startDynalite(): Promise<BenchStore> {
  const port = await getFreePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const require = createRequire(__filename);
  const cli = path.join(
    path.dirname(require.resolve('dynalite/package.json')),
    'cli.js',
  );
  // No --path: the data stays in memory. Table changes take effect at once instead of
  // dynalite's simulated 500 ms.
  const proc = startProcess('dynalite', process.execPath, [
    cli,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--createTableMs',
    '0',
    '--deleteTableMs',
    '0',
    '--updateTableMs',
    '0',
  ]);
  // Any HTTP answer means it listens (an unsigned GET gets a 4xx).
  await waitUntilHealthy(
    proc,
    async () => (await fetch(endpoint)).status > 0,
    30_000,
  );
  return {
    name: 'dynalite',
    endpoint,
    transactions: false,
    stop: () => proc.stop(),
  };
}
