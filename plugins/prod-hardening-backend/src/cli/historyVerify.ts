/**
 * Verifies the remediation history's hash chain in the plugin's database, the one
 * the backend uses (read from app-config like the backend, `backend.database`), and
 * reports the first broken link.
 *
 *   npm run history:verify -- [--config app-config.yaml ...] [--json]
 *
 * Exit codes: 0 the chain is intact, 1 it is broken, 2 it could not be verified
 * (bad configuration, database unreachable, no history table).
 */
import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigSources } from '@backstage/config-loader';
import type { HistoryVerification } from '@prod-hardening/plugin-prod-hardening-common';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HistoryVerifier } from '../services/remediation/HistoryVerifier';
import { HISTORY_TABLE } from '../services/remediation/historyRows';

const REPO_ROOT = resolve(__dirname, '../../../..');
const PLUGIN_ID = 'prod-hardening';

export async function runHistoryVerify(
  argv: string[],
  write: (text: string) => void,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    },
  });
  const configPaths = values.config?.length
    ? values.config
    : [resolve(REPO_ROOT, 'app-config.yaml')];
  const source = ConfigSources.default({
    rootDir: REPO_ROOT,
    argv: configPaths.flatMap(path => ['--config', resolve(path)]),
  });
  const config = await ConfigSources.toConfig(source);
  if (isInMemory(config.getOptional('backend.database.connection'))) {
    throw new Error(
      'backend.database is an in-memory SQLite database (the local default): the history lives only inside the running backend; ask it with GET /api/prod-hardening/remediations/history/verify, or pass the production configuration with --config',
    );
  }
  const shutdownHooks: Array<() => void | Promise<void>> = [];
  const database = DatabaseManager.fromConfig(config).forPlugin(PLUGIN_ID, {
    logger: silentLogger,
    lifecycle: {
      addStartupHook: () => undefined,
      addBeforeShutdownHook: () => undefined,
      addShutdownHook: hook => {
        shutdownHooks.push(hook);
      },
    } as LifecycleService,
  });
  const db = await database.getClient();
  try {
    if (!(await db.schema.hasTable(HISTORY_TABLE))) {
      throw new Error(
        `the database has no ${HISTORY_TABLE} table: the backend has never started on it (check backend.database)`,
      );
    }
    const result = await new HistoryVerifier(db).verify();
    write(
      values.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : `${describeVerification(result)}\n`,
    );
    return result.ok ? 0 : 1;
  } finally {
    for (const hook of shutdownHooks) await hook();
    await db.destroy();
  }
}

/** One or two sentences for a terminal. */
export function describeVerification(result: HistoryVerification): string {
  const head = result.head
    ? `last sealed row #${result.head.seq} ${result.head.hash}`
    : 'no sealed row yet';
  const pending = `${result.inProgress} attempt(s) in progress`;
  if (result.ok) {
    return `History intact: ${result.checkedRows} completed row(s) chained, ${head}; ${pending}.`;
  }
  const where = result.firstBreak!.seq
    ? `row #${result.firstBreak!.seq} (${result.firstBreak!.id})`
    : `row ${result.firstBreak!.id}`;
  return `History BROKEN at ${where}: ${result.firstBreak!.problem}. The ${
    result.checkedRows
  } row(s) before it are intact (${head}).`;
}

function isInMemory(connection: unknown): boolean {
  return (
    connection === ':memory:' ||
    (connection as { filename?: unknown } | undefined)?.filename === ':memory:'
  );
}

const silentLogger: LoggerService = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silentLogger,
};

if (require.main === module) {
  runHistoryVerify(process.argv.slice(2), text => process.stdout.write(text))
    .then(code => process.exit(code))
    .catch(err => {
      process.stderr.write(`history:verify: ${(err as Error).message}\n`);
      process.exit(2);
    });
}
