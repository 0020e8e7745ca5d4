import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startLocalStack } from '../localStack';

/** The repository's app-config.yaml, the one source of names and local defaults. */
export const DEFAULT_APP_CONFIG = resolve(
  __dirname,
  '../../../app-config.yaml',
);

/** Local-only settings added after app-config.yaml: the guest sign-in. */
export const DEVELOPMENT_APP_CONFIG = resolve(
  __dirname,
  '../../../app-config.development.yaml',
);

export const DEFAULT_MOTO_PORT = 5055;
export const DEFAULT_REDIS_PORT = 6390;

/** A TCP port from the environment, or the fallback; a malformed value is an error. */
export function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable}=${raw} is not a TCP port`);
  }
  return port;
}

/**
 * The account the endpoint serves (the emulator answers with its MOTO_ACCOUNT_ID).
 * Asking beats assuming: ARNs the seed builds must match what the emulator stores.
 */
export async function callerAccountId(
  endpoint: string,
  region: string,
): Promise<string> {
  const sts = new STSClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  try {
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));
    if (!Account)
      throw new Error(`${endpoint} did not say which account it serves`);
    return Account;
  } finally {
    sts.destroy();
  }
}

/** Prints an error without a stack for expected failures and sets a failing exit code. */
export function failWith(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = 1;
}

/** Resolves on the first delivery of `signal`; later ones are ignored while stopping. */
export function signalled(signal: NodeJS.Signals): Promise<string> {
  return new Promise(settle => {
    process.once(signal, () => {
      process.on(signal, () => undefined);
      settle(`received ${signal}`);
    });
  });
}

/**
 * The local stack as `npm start` and `npm run stack:up` start it: options
 * `--config <app-config>` and `--no-seed`, fixed ports from PH_MOTO_PORT / PH_REDIS_PORT.
 */
export async function startStackFromArgs(log: (line: string) => void) {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: DEFAULT_APP_CONFIG },
      'no-seed': { type: 'boolean', default: false },
    },
  });
  const stack = await startLocalStack({
    configPath: values.config,
    motoPort: portFromEnv('PH_MOTO_PORT', DEFAULT_MOTO_PORT),
    redisPort: portFromEnv('PH_REDIS_PORT', DEFAULT_REDIS_PORT),
    seed: !values['no-seed'],
    log,
  });
  return { stack, configPath: values.config };
}
