import type { Config } from '@backstage/config';
import { CustomErrorBase } from '@backstage/errors';

/**
 * The backend runs "in production" when NODE_ENV is production: the backend's
 * Dockerfile and `node packages/backend` deployments set it, while `npm start`,
 * `backstage-cli package start` and the tests run with development or test.
 */
export function isProductionRuntime(env: NodeJS.ProcessEnv): boolean {
  return env.NODE_ENV === 'production';
}

/** One reason the configuration is unsafe in production: the key and what to set. */
export interface ProductionConfigProblem {
  key: string;
  problem: string;
}

/** Database clients that keep their data in one process: no shared state, no locks. */
const SINGLE_PROCESS_DATABASES = new Set(['better-sqlite3', 'sqlite3']);

/**
 * True when the key holds no usable text. Reads the raw value: ConfigReader's typed
 * getters throw on an empty string, which is exactly what an unset ${VAR} can leave.
 */
function isBlank(config: Config, key: string): boolean {
  const value = config.getOptional(key);
  return typeof value !== 'string' || value.trim() === '';
}

/** The roles the prod-hardening plugin assumes; without them it runs as the task role. */
const ROLE_KEYS = [
  'prodHardening.aws.readRoleArn',
  'prodHardening.aws.remediationRoleArn',
];

/**
 * Everything that makes this configuration unsafe to serve production with; an empty
 * list means it may start. Pure: config in, problems out. Values are never copied into
 * the problems, only key names and the few non-secret values that explain them.
 */
export function findProductionConfigProblems(
  config: Config,
): ProductionConfigProblem[] {
  return [
    ...signInProblems(config),
    ...permissionProblems(config),
    ...databaseProblems(config),
    ...roleProblems(config),
    ...serviceAuthProblems(config),
  ];
}

function signInProblems(config: Config): ProductionConfigProblem[] {
  const problems: ProductionConfigProblem[] = [];
  const providers = config.getOptionalConfig('auth.providers');
  const ids = providers?.keys() ?? [];
  if (ids.includes('guest')) {
    problems.push({
      key: 'auth.providers.guest',
      problem:
        'is set: guest sign-in lets anyone in without an identity provider; remove it (it belongs in app-config.development.yaml, for local runs only)',
    });
  }
  const realProviders = ids.filter(id => id !== 'guest');
  if (realProviders.length === 0) {
    problems.push({
      key: 'auth.providers',
      problem:
        'has no sign-in provider; set auth.providers.oidc (AUTH_OIDC_METADATA_URL, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET) or another provider, see docs/deploy.md',
    });
  }
  // Backstage reads a provider's settings under the auth environment's name; a provider
  // without that entry is silently unavailable.
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  if (environment !== 'production') {
    problems.push({
      key: 'auth.environment',
      problem: `is ${JSON.stringify(environment)}; set it to "production"`,
    });
  }
  // openid-client keeps the login's state and nonce in the auth backend's session,
  // which exists only with a session secret: without it every OIDC sign-in fails.
  if (ids.includes('oidc') && isBlank(config, 'auth.session.secret')) {
    problems.push({
      key: 'auth.session.secret',
      problem:
        'is missing; the oidc provider needs it, set it from AUTH_SESSION_SECRET',
    });
  }
  for (const id of realProviders) {
    if (!providers?.getOptionalConfig(`${id}.${environment}`)) {
      problems.push({
        key: `auth.providers.${id}.${environment}`,
        problem: `is missing; the ${id} provider has no settings for auth.environment ${environment}`,
      });
    }
  }
  return problems;
}

function permissionProblems(config: Config): ProductionConfigProblem[] {
  if (config.getOptionalBoolean('permission.enabled') === true) return [];
  return [
    {
      key: 'permission.enabled',
      problem:
        'is not true; set it to true, otherwise every signed-in user may run remediations',
    },
  ];
}

function databaseProblems(config: Config): ProductionConfigProblem[] {
  const client = config.getOptionalString('backend.database.client');
  if (client === undefined) {
    return [
      {
        key: 'backend.database.client',
        problem: 'is not set; set it to pg (PostgreSQL)',
      },
    ];
  }
  if (SINGLE_PROCESS_DATABASES.has(client)) {
    return [
      {
        key: 'backend.database.client',
        problem: `is ${client}; set it to pg (PostgreSQL), so history, audit and scheduler locks survive restarts and are shared by replicas`,
      },
    ];
  }
  return [];
}

function roleProblems(config: Config): ProductionConfigProblem[] {
  return ROLE_KEYS.filter(key => isBlank(config, key)).map(key => ({
    key,
    problem:
      'is missing; set the ARN of the role created by infra/terraform/production-hardening (outputs portal_read_role_arn / portal_remediation_role_arn)',
  }));
}

/**
 * Service-to-service auth in Backstage 1.55 needs no shared secret: plugins sign their
 * tokens with keys the backend keeps in its database (backend.auth.pluginKeyStore,
 * default "database"), which PostgreSQL shares between replicas. What must not happen in
 * production is turning the default auth policy off, or declaring external callers
 * (or legacy keys) whose secret did not arrive from the environment.
 */
function serviceAuthProblems(config: Config): ProductionConfigProblem[] {
  const problems: ProductionConfigProblem[] = [];
  if (
    config.getOptionalBoolean(
      'backend.auth.dangerouslyDisableDefaultAuthPolicy',
    ) === true
  ) {
    problems.push({
      key: 'backend.auth.dangerouslyDisableDefaultAuthPolicy',
      problem:
        'is true; remove it, otherwise every route accepts unauthenticated requests',
    });
  }
  config.getOptionalConfigArray('backend.auth.keys')?.forEach((key, index) => {
    if (isBlank(key, 'secret')) {
      problems.push({
        key: `backend.auth.keys[${index}].secret`,
        problem: 'is empty; set it from the environment or remove the entry',
      });
    }
  });
  config
    .getOptionalConfigArray('backend.auth.externalAccess')
    ?.forEach((entry, index) => {
      const type = entry.getOptionalString('type');
      const secretKey =
        type === 'static' ? 'token' : type === 'legacy' ? 'secret' : undefined;
      if (secretKey && isBlank(entry, `options.${secretKey}`)) {
        problems.push({
          key: `backend.auth.externalAccess[${index}].options.${secretKey}`,
          problem: 'is empty; set it from the environment or remove the entry',
        });
      }
    });
  return problems;
}

/** The backend refuses to start in production; the message lists every problem. */
export class UnsafeProductionConfigError extends CustomErrorBase {
  name = 'UnsafeProductionConfigError' as const;

  constructor(readonly problems: ProductionConfigProblem[]) {
    super(
      `Refusing to start with NODE_ENV=production, the configuration is unsafe:\n${problems
        .map(p => `  - ${p.key} ${p.problem}`)
        .join('\n')}`,
    );
  }
}

/** Throws UnsafeProductionConfigError naming every problem, or returns. */
export function assertProductionReady(config: Config): void {
  const problems = findProductionConfigProblems(config);
  if (problems.length > 0) throw new UnsafeProductionConfigError(problems);
}
