import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertPortFree, getFreePort } from './freePort';
import {
  startProcess,
  waitUntilHealthy,
  ManagedProcess,
} from './managedProcess';

/** What a client needs; the same shape as Backstage's `backend.database.connection`. */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface PostgresServer {
  readonly connection: PostgresConnection;
  /** `postgres://user:password@127.0.0.1:port/postgres`; contains the password. */
  readonly url: string;
  readonly port: number;
  /** Deleted by stop(). */
  readonly dataDir: string;
  readonly process: ManagedProcess;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  port?: number;
  /** Folder holding `initdb` and `postgres`; found on PATH or in /usr/lib/postgresql otherwise. */
  binDir?: string;
  readyTimeoutMs?: number;
  /**
   * Serve TLS with this certificate (PEM), as a managed PostgreSQL does; clients that
   * verify it must trust its CA (e.g. NODE_EXTRA_CA_CERTS).
   */
  ssl?: { certFile: string; keyFile: string };
}

const SUPERUSER = 'postgres';

/** `initdb` and `postgres` from PATH, else the newest Debian cluster binaries. */
export function findPostgresBinaries(binDir?: string): {
  initdb: string;
  postgres: string;
} {
  const candidates = binDir ? [binDir] : [...pathDirs(), ...debianBinDirs()];
  for (const dir of candidates) {
    const initdb = join(dir, 'initdb');
    const postgres = join(dir, 'postgres');
    if (existsSync(initdb) && existsSync(postgres)) return { initdb, postgres };
  }
  throw new Error(
    'PostgreSQL is not installed: initdb and postgres were not found on PATH or in /usr/lib/postgresql/*/bin (Debian: apt-get install -y postgresql)',
  );
}

function pathDirs(): string[] {
  return (process.env.PATH ?? '').split(':').filter(Boolean);
}

function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a))
    .map(version => join(root, version, 'bin'));
}

/**
 * PostgreSQL refuses to run as root (CI runs as root), so the server then runs as
 * the `postgres` user that Debian's package creates.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', SUPERUSER]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', SUPERUSER]).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error(
      "PostgreSQL refuses to run as root and there is no 'postgres' user to run it as (Debian's postgresql package creates one)",
    );
  }
}

/**
 * Starts a throw-away PostgreSQL on 127.0.0.1 with password authentication (as in
 * production) and durability switched off (a test database is thrown away anyway).
 */
export async function startPostgres(
  options: PostgresOptions = {},
): Promise<PostgresServer> {
  if (options.port !== undefined)
    await assertPortFree(options.port, 'postgres');
  const port = options.port ?? (await getFreePort());
  const { initdb, postgres } = findPostgresBinaries(options.binDir);
  const runAs = serverUser();
  const root = mkdtempSync(join(tmpdir(), 'prod-hardening-pg-'));
  const dataDir = join(root, 'data');
  const passwordFile = join(root, 'password');
  const password = randomBytes(12).toString('hex');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (runAs) {
    chownSync(root, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  // PostgreSQL reads the key only if the server user owns it and nobody else can.
  const sslArgs: string[] = [];
  if (options.ssl) {
    const certFile = join(root, 'server.crt');
    const keyFile = join(root, 'server.key');
    copyFileSync(options.ssl.certFile, certFile);
    copyFileSync(options.ssl.keyFile, keyFile);
    chmodSync(keyFile, 0o600);
    if (runAs) {
      chownSync(certFile, runAs.uid, runAs.gid);
      chownSync(keyFile, runAs.uid, runAs.gid);
    }
    sslArgs.push(
      '-c',
      'ssl=on',
      '-c',
      `ssl_cert_file=${certFile}`,
      '-c',
      `ssl_key_file=${keyFile}`,
    );
  }

  try {
    execFileSync(
      initdb,
      [
        '-D',
        dataDir,
        '-U',
        SUPERUSER,
        '--auth=scram-sha-256',
        `--pwfile=${passwordFile}`,
        '-E',
        'UTF8',
        '--no-sync',
      ],
      { stdio: 'pipe', ...(runAs ?? {}) },
    );
  } catch (error) {
    removeRoot();
    const output =
      (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`initdb failed: ${output.trim()}`);
  }

  const proc = startProcess(
    'postgres',
    postgres,
    [
      '-D',
      dataDir,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      // TCP only: no Unix socket in a shared folder.
      '-k',
      '',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      ...sslArgs,
    ],
    // SIGINT is PostgreSQL's fast shutdown: it does not wait for clients to disconnect.
    { ...(runAs ?? {}), stopSignal: 'SIGINT' },
  );
  try {
    await waitUntilHealthy(
      proc,
      async () =>
        proc
          .output()
          .includes('database system is ready to accept connections'),
      options.readyTimeoutMs ?? 20_000,
    );
  } catch (error) {
    removeRoot();
    throw error;
  }

  const connection: PostgresConnection = {
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password,
    database: 'postgres',
  };
  return {
    connection,
    url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    process: proc,
    async stop() {
      await proc.stop(10_000);
      removeRoot();
    },
  };
}
