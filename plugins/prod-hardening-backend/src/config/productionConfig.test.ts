import { ConfigSources } from '@backstage/config-loader';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readProdHardeningConfig } from './readConfig';

const ROOT = resolve(__dirname, '../../../..');

/** What `npm run config:from-terraform` writes for the module's default names. */
const TERRAFORM_ENV: Record<string, string> = {
  PROD_HARDENING_ACCOUNT_ID: '317805897534',
  PROD_HARDENING_REGION: 'us-east-1',
  PROD_HARDENING_READ_ROLE_ARN:
    'arn:aws:iam::317805897534:role/huntaze-portal-read',
  PROD_HARDENING_REMEDIATION_ROLE_ARN:
    'arn:aws:iam::317805897534:role/huntaze-portal-remediation',
  PROD_HARDENING_REDIS_HOST: 'master.huntaze-redis.use1.cache.amazonaws.com',
  PROD_HARDENING_REDIS_PORT: '6379',
};

describe('app-config.production.yaml', () => {
  const load = () =>
    ConfigSources.toConfig(
      ConfigSources.default({
        rootDir: ROOT,
        argv: [
          '--config',
          resolve(ROOT, 'app-config.yaml'),
          '--config',
          resolve(ROOT, 'app-config.production.yaml'),
        ],
        // Values a deployment provides through the environment: the Terraform
        // outputs (npm run config:from-terraform) and the secrets.
        substitutionFunc: async name =>
          TERRAFORM_ENV[name] ?? `env-${name.toLowerCase().replace(/_/g, '-')}`,
      }),
    );

  it('is a valid configuration for a real account: no endpoint override, separate roles, TLS Redis', async () => {
    const config = readProdHardeningConfig(await load());
    expect(config.aws.endpoint).toBeUndefined();
    expect(config.aws.readRoleArn).toMatch(/:role\/huntaze-portal-read$/);
    expect(config.aws.remediationRoleArn).toMatch(
      /:role\/huntaze-portal-remediation$/,
    );
    expect(config.redis.url.startsWith('rediss://')).toBe(true);
    // The read-only RBAC user, not the Lambda's full-rights AUTH token.
    expect(config.redis.username).toBe('prod-hardening-portal');
    expect(new URL(config.redis.url).password).toBe('');
  });

  it('runs Backstage on PostgreSQL with the cache in Redis, so replicas share state', async () => {
    const config = await load();
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('backend.cache.store')).toBe('redis');
  });

  it('contains no literal secret: every credential comes from the environment', () => {
    const text = readFileSync(
      resolve(ROOT, 'app-config.production.yaml'),
      'utf8',
    );
    for (const line of text
      .split('\n')
      .filter(
        l =>
          /password|token|secret|connection:/i.test(l) &&
          !l.trim().startsWith('#'),
      )) {
      expect(line).toMatch(/\$\{[A-Z_]+\}|^\s*[a-zA-Z]+:\s*$/);
    }
  });
});
