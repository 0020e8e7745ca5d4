import { ConfigSources } from '@backstage/config-loader';
import { resolve } from 'node:path';
import {
  findProductionConfigProblems,
  UnsafeProductionConfigError,
  assertProductionReady,
} from './productionReadiness';

const ROOT = resolve(__dirname, '../../../..');
const BASE = resolve(ROOT, 'app-config.yaml');
const PRODUCTION = resolve(ROOT, 'app-config.production.yaml');
const DEVELOPMENT = resolve(ROOT, 'app-config.development.yaml');

/**
 * What a deployment provides through the environment for app-config.production.yaml,
 * as dummy values that are not secrets.
 */
const PRODUCTION_ENV: Record<string, string> = {
  POSTGRES_HOST: 'postgres.internal',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'portal',
  POSTGRES_PASSWORD: 'dummy-postgres-password',
  BACKSTAGE_CACHE_REDIS_URL: 'rediss://cache.internal:6379',
  AUTH_SESSION_SECRET: 'dummy-session-secret',
  AUTH_OIDC_METADATA_URL:
    'https://idp.example.com/.well-known/openid-configuration',
  AUTH_OIDC_CLIENT_ID: 'portal',
  AUTH_OIDC_CLIENT_SECRET: 'dummy-client-secret',
  RATE_LIMITER_REDIS_PORTAL_PASSWORD: 'dummy-redis-password',
  // What `npm run config:from-terraform` writes from the Terraform outputs.
  ...Object.fromEntries(
    [
      'ACCOUNT_ID',
      'REGION',
      'READ_ROLE_ARN',
      'REMEDIATION_ROLE_ARN',
      'REDIS_HOST',
      'REDIS_PORT',
      'REDIS_REPLICATION_GROUP_ID',
      'AI_COSTS_TABLE',
      'COST_ALERTS_TABLE',
      'WORKFLOWS_QUEUE',
      'WORKFLOWS_DLQ',
      'RATE_LIMITER_QUEUE',
      'RATE_LIMITER_DLQ',
      'COST_ALERTS_TOPIC',
      'SECURITY_ALERTS_TOPIC',
      'OPS_ALERTS_TOPIC',
      'BUDGET_NAME',
      'RDS_PARAMETER_GROUP_NAME',
      'CLOUDTRAIL_NAME',
      'RATE_LIMITER_FUNCTION_NAME',
      'RATE_LIMITER_ALIAS',
      'COST_ANOMALY_MONITOR_NAME',
    ].map(key => [`PROD_HARDENING_${key}`, `terraform-${key.toLowerCase()}`]),
  ),
  PROD_HARDENING_ACCOUNT_ID: '317805897534',
  PROD_HARDENING_REGION: 'us-east-1',
  PROD_HARDENING_READ_ROLE_ARN:
    'arn:aws:iam::317805897534:role/huntaze-portal-read',
  PROD_HARDENING_REMEDIATION_ROLE_ARN:
    'arn:aws:iam::317805897534:role/huntaze-portal-remediation',
  PROD_HARDENING_REDIS_PORT: '6379',
};

/** Loads the files with Backstage's own loader, as `node packages/backend --config ...` does. */
async function load(files: string[], env: Record<string, string> = {}) {
  const unknownVariables = new Set<string>();
  const config = await ConfigSources.toConfig(
    ConfigSources.default({
      rootDir: ROOT,
      argv: files.flatMap(file => ['--config', file]),
      env,
      watch: false,
      substitutionFunc: async name => {
        if (!(name in PRODUCTION_ENV)) unknownVariables.add(name);
        return PRODUCTION_ENV[name];
      },
    }),
  );
  config.close();
  expect([...unknownVariables]).toEqual([]);
  return config;
}

const problemKeys = async (files: string[], env?: Record<string, string>) =>
  findProductionConfigProblems(await load(files, env)).map(p => p.key);

describe('app-config.yaml + app-config.production.yaml, merged by the Backstage config loader', () => {
  it('signs in through OIDC only, with permissions on, PostgreSQL and both roles', async () => {
    const config = await load([BASE, PRODUCTION]);

    expect(config.has('auth.providers.guest')).toBe(false);
    expect(config.getConfig('auth.providers').keys()).toEqual(['oidc']);
    expect(config.getString('auth.environment')).toBe('production');
    const oidc = config.getConfig('auth.providers.oidc.production');
    expect(oidc.getString('metadataUrl')).toBe(
      PRODUCTION_ENV.AUTH_OIDC_METADATA_URL,
    );
    expect(oidc.getString('clientId')).toBe('portal');
    expect(oidc.getString('clientSecret')).toBe('dummy-client-secret');
    expect(
      oidc.getConfigArray('signIn.resolvers').map(r => r.getString('resolver')),
    ).toEqual([
      'emailMatchingUserEntityProfileEmail',
      'emailLocalPartMatchingUserEntityName',
    ]);
    expect(config.getBoolean('permission.enabled')).toBe(true);
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('prodHardening.aws.readRoleArn')).toMatch(
      /^arn:aws:iam::\d{12}:role\/.+/,
    );
    expect(config.getString('prodHardening.aws.remediationRoleArn')).toMatch(
      /^arn:aws:iam::\d{12}:role\/.+/,
    );
  });

  it('passes the production start-up check', async () => {
    const config = await load([BASE, PRODUCTION]);
    expect(findProductionConfigProblems(config)).toEqual([]);
    expect(() => assertProductionReady(config)).not.toThrow();
  });

  it('fails the check with the guest sign-in of app-config.development.yaml added', async () => {
    expect(await problemKeys([BASE, PRODUCTION, DEVELOPMENT])).toEqual([
      'auth.providers.guest',
      'auth.environment',
      'auth.providers.oidc.development',
    ]);
  });

  it('fails the check with SQLite instead of PostgreSQL', async () => {
    expect(
      await problemKeys([BASE, PRODUCTION], {
        APP_CONFIG_backend_database_client: 'better-sqlite3',
      }),
    ).toEqual(['backend.database.client']);
  });

  it('fails the check on the local files, naming every key to set', async () => {
    const config = await load([BASE, DEVELOPMENT]);
    let error: unknown;
    try {
      assertProductionReady(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsafeProductionConfigError);
    expect(
      (error as UnsafeProductionConfigError).problems.map(p => p.key),
    ).toEqual([
      'auth.providers.guest',
      'auth.providers',
      'auth.environment',
      'backend.database.client',
      'prodHardening.aws.readRoleArn',
      'prodHardening.aws.remediationRoleArn',
    ]);
  });

  it('fails the check on app-config.yaml alone: no sign-in at all', async () => {
    expect(await problemKeys([BASE])).toEqual([
      'auth.providers',
      'auth.environment',
      'backend.database.client',
      'prodHardening.aws.readRoleArn',
      'prodHardening.aws.remediationRoleArn',
    ]);
  });
});
