import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import {
  getFreePort,
  ManagedProcess,
  MotoServer,
  OidcIssuer,
  PostgresServer,
  RedisServer,
  startMoto,
  startOidcIssuer,
  startPostgres,
  startProcess,
  startRedis,
} from '@prod-hardening/dev-stack';
import { portalAccessString } from '@prod-hardening/plugin-prod-hardening-backend';
import { parseDockerfile } from './dockerfile';
import { performDockerfile, PerformedImage } from './performDockerfile';
import { createTestCertificates, TestCertificates } from './testCertificates';

/**
 * The backend as it ships: `npm run build:backend`, packages/backend/Dockerfile's steps
 * performed in a temp directory (no Docker engine here), then the image's CMD started
 * with app-config.yaml + app-config.production.yaml against PostgreSQL over verified
 * TLS, Redis over TLS with AUTH, an OIDC issuer and the AWS emulator, under the Node
 * of the Dockerfile's base image when npm can provide it.
 *
 * Minutes long (the production `npm ci`), so not part of `npm test`:
 * `npm run test:deploy` runs it, and .ci/run calls that.
 */
const ENABLED = process.env.PROD_HARDENING_DEPLOY_TEST === '1';
const REPO_ROOT = resolve(__dirname, '../../../..');
const DOCKERFILE = resolve(__dirname, '../../Dockerfile');

jest.setTimeout(30 * 60_000);

/**
 * This machine's way to the npm registry (a proxy and its CA), which a Docker build gets
 * from the daemon's configuration: `npm ci` needs the registry (see docs/deploy.md).
 */
const MACHINE_ENV: Record<string, string> = Object.fromEntries(
  [
    'NODE_EXTRA_CA_CERTS',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
  ].flatMap(name =>
    process.env[name] !== undefined ? [[name, process.env[name]!]] : [],
  ),
);

/** The Node major of a `node:<major>-...` base image. */
function nodeMajorOf(image: string): string {
  const match = /^node:(\d+)/.exec(image);
  if (!match) throw new Error(`${image} is not an official node image`);
  return match[1];
}

/**
 * The base image's Node on this machine: npm's `node@<major>` package ships the
 * binary. Falls back to the running Node (said in the test output) when npm cannot.
 */
function nodeBinaryFor(major: string): { path: string; note: string } {
  try {
    const path = execFileSync(
      'npx',
      ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'],
      { encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim();
    return { path, note: `Node ${major} from npm's node@${major} package` };
  } catch (error) {
    return {
      path: process.execPath,
      note: `Node ${
        process.versions.node
      } (npm could not provide node@${major}: ${
        (error as Error).message.split('\n')[0]
      })`,
    };
  }
}

/** `KEY=value` lines of an env file. */
function readEnvFile(path: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(line => line && !line.startsWith('#'))
      .map(line => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1),
      ]),
  );
}

/**
 * `terraform output -json` as an apply of the module would print it for this stack,
 * turned into the environment by `npm run config:from-terraform`, the user's path.
 */
function terraformEnvironment(
  dir: string,
  redis: RedisServer,
): Record<string, string> {
  const resources = YAML.parse(
    readFileSync(join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
  ).prodHardening.resources;
  const account = '123456789012';
  const outputs = {
    portal_config: {
      sensitive: false,
      value: {
        account_id: account,
        region: 'us-east-1',
        read_role_arn: `arn:aws:iam::${account}:role/huntaze-portal-read`,
        remediation_role_arn: `arn:aws:iam::${account}:role/huntaze-portal-remediation`,
        redis_host: '127.0.0.1',
        redis_port: String(redis.port),
        redis_replication_group_id: resources.redisReplicationGroupId,
        ai_costs_table: resources.tables.aiCosts,
        cost_alerts_table: resources.tables.costAlerts,
        workflows_queue: resources.queues.workflows,
        workflows_dlq: resources.queues.workflowsDlq,
        rate_limiter_queue: resources.queues.rateLimiter,
        rate_limiter_dlq: resources.queues.rateLimiterDlq,
        cost_alerts_topic: resources.topics.costAlerts,
        security_alerts_topic: resources.topics.securityAlerts,
        ops_alerts_topic: resources.topics.opsAlerts,
        budget_name: resources.budgetName,
        rds_parameter_group_name: resources.rdsParameterGroupName,
        cloudtrail_name: resources.cloudTrailName,
        rate_limiter_function_name: resources.rateLimiterFunctionName,
        rate_limiter_alias: resources.rateLimiterAlias,
        cost_anomaly_monitor_name: resources.costAnomalyMonitorName,
      },
    },
  };
  writeFileSync(join(dir, 'outputs.json'), JSON.stringify(outputs));
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      join(REPO_ROOT, 'infra/terraform/scripts/configFromTerraform.ts'),
      join(dir, 'outputs.json'),
      '--out',
      join(dir, 'portal.env'),
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`config:from-terraform failed: ${result.stderr}`);
  return readEnvFile(join(dir, 'portal.env'));
}

async function waitForHttp200(
  url: string,
  proc: ManagedProcess,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  let exited = false;
  proc.exited.then(() => {
    exited = true;
  });
  while (Date.now() - started < timeoutMs) {
    if (exited)
      throw new Error(
        `the backend exited before it was ready:\n${proc.output()}`,
      );
    const status = await fetch(url)
      .then(r => r.status)
      .catch(() => 0);
    if (status === 200) return Date.now() - started;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `${url} did not answer 200 within ${timeoutMs} ms:\n${proc.output()}`,
  );
}

(ENABLED ? describe : describe.skip)(
  ENABLED
    ? 'the backend image, performed from packages/backend/Dockerfile'
    : 'the backend image (skipped: runs in `npm run test:deploy`, minutes long)',
  () => {
    const log = (line: string) => process.stdout.write(`[deploy] ${line}\n`);
    let work = '';
    let image: PerformedImage;
    let node: { path: string; note: string };
    let certs: TestCertificates;
    let postgres: PostgresServer;
    let redis: RedisServer;
    let moto: MotoServer;
    let issuer: OidcIssuer;
    let env: Record<string, string>;
    const backends: ManagedProcess[] = [];

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'prod-hardening-image-'));
      const steps = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
      const from = steps.find(s => s.kind === 'FROM');
      node = nodeBinaryFor(
        nodeMajorOf(from?.kind === 'FROM' ? from.image : ''),
      );
      log(`base image Node: ${node.note}`);

      let started = Date.now();
      const build = spawnSync(
        process.execPath,
        [
          require.resolve('tsx/cli'),
          join(REPO_ROOT, 'scripts/buildBackend.ts'),
          '--reuse-app-dist',
        ],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      if (build.status !== 0)
        throw new Error(
          `build:backend failed:\n${build.stdout}\n${build.stderr}`,
        );
      log(`build:backend: ${Date.now() - started} ms`);

      started = Date.now();
      image = performDockerfile(steps, {
        contextDir: REPO_ROOT,
        rootDir: join(work, 'image'),
        binDir: dirname(node.path),
        env: MACHINE_ENV,
      });
      for (const run of image.runs) log(`RUN ${run.command}: ${run.ms} ms`);
      log(`Dockerfile steps: ${Date.now() - started} ms`);

      certs = createTestCertificates();
      const redisPassword = randomBytes(16).toString('hex');
      const portalPassword = randomBytes(16).toString('hex');
      [postgres, redis, moto, issuer] = await Promise.all([
        startPostgres({
          ssl: { certFile: certs.certFile, keyFile: certs.keyFile },
        }),
        startRedis({
          password: redisPassword,
          // The portal's read-only user, as Terraform's aws_elasticache_user.portal.
          args: [
            '--user',
            'prod-hardening-portal',
            'reset',
            `>${portalPassword}`,
            ...portalAccessString({
              limiterKeyPrefix: 'rate_limit:onlyfans',
              metricsKeyPrefix: 'rate_limit:metrics',
            }).split(' '),
          ],
          tls: {
            certFile: certs.certFile,
            keyFile: certs.keyFile,
            caFile: certs.caFile,
          },
        }),
        startMoto(),
        startOidcIssuer(),
      ]);
      const port = await getFreePort();
      env = {
        PATH: `${dirname(node.path)}:${process.env.PATH}`,
        HOME: process.env.HOME ?? work,
        ...image.env,
        // A private CA, as a company's PostgreSQL and Redis certificates often have.
        NODE_EXTRA_CA_CERTS: certs.caFile,
        // The container listens on 7007 behind a port mapping; here, a free port.
        APP_CONFIG_backend_listen_port: String(port),
        POSTGRES_HOST: postgres.connection.host,
        POSTGRES_PORT: String(postgres.connection.port),
        POSTGRES_USER: postgres.connection.user,
        POSTGRES_PASSWORD: postgres.connection.password,
        BACKSTAGE_CACHE_REDIS_URL: redis.url,
        AUTH_SESSION_SECRET: randomBytes(24).toString('hex'),
        AUTH_OIDC_METADATA_URL: issuer.metadataUrl,
        AUTH_OIDC_CLIENT_ID: 'portal',
        AUTH_OIDC_CLIENT_SECRET: randomBytes(16).toString('hex'),
        RATE_LIMITER_REDIS_PORTAL_PASSWORD: portalPassword,
        // The task role's credentials; every AWS call goes to the emulator.
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
        ...terraformEnvironment(work, redis),
      };
    });

    afterAll(async () => {
      await Promise.all(backends.map(b => b.stop(10_000)));
      await Promise.all([
        postgres?.stop(),
        redis?.stop(),
        moto?.stop(),
        issuer?.stop(),
      ]);
      certs?.remove();
      if (work) rmSync(work, { recursive: true, force: true });
    }, 10 * 60_000); // deleting the image's node_modules takes minutes on a busy disk

    const startBackend = (processEnv: Record<string, string>) => {
      const [command, ...args] = image.cmd;
      const backend = startProcess(
        'backend',
        command === 'node' ? node.path : command,
        args,
        { cwd: image.workdir, env: processEnv },
      );
      backends.push(backend);
      return backend;
    };

    it('starts the CMD with app-config.yaml + app-config.production.yaml and becomes ready', async () => {
      expect(image.cmd).toEqual([
        'node',
        'packages/backend',
        '--config',
        'app-config.yaml',
        '--config',
        'app-config.production.yaml',
      ]);
      const backend = startBackend(env);
      const base = `http://127.0.0.1:${env.APP_CONFIG_backend_listen_port}`;
      const ms = await waitForHttp200(
        `${base}/.backstage/health/v1/readiness`,
        backend,
        180_000,
      );
      log(`ready after ${ms} ms under ${node.note}`);

      // The OIDC provider discovered the issuer at start-up.
      expect(issuer.requests).toContain('/.well-known/openid-configuration');
      // No guest sign-in in production.
      const guest = await fetch(`${base}/api/auth/guest/refresh`);
      expect(guest.status).toBe(404);
      // The plugin serves, and its anonymous health names no account or ARN.
      const health = await fetch(`${base}/api/prod-hardening/health`);
      expect(health.status).toBe(200);
      const body = await health.text();
      expect(body).not.toContain('123456789012');
      expect(body).not.toContain('arn:aws');
      // Redis answers the portal's read-only user over TLS (its probe is a write it may make).
      expect(JSON.parse(body).sources).toContainEqual({
        id: 'redis',
        state: 'up',
      });

      await backend.stop(10_000);
    });

    it('refuses to start when a setting is missing, naming the key and the variable', async () => {
      const incomplete = { ...env };
      delete incomplete.PROD_HARDENING_READ_ROLE_ARN;
      delete incomplete.POSTGRES_HOST;
      const backend = startBackend(incomplete);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        backend.exited,
        new Promise(settle => {
          timer = setTimeout(() => settle('still running'), 120_000);
        }),
      ]);
      clearTimeout(timer);
      expect(code).toBe(1);
      const output = backend.output();
      expect(output).toContain(
        'prodHardening.aws.readRoleArn reads ${PROD_HARDENING_READ_ROLE_ARN}, which is not set; set PROD_HARDENING_READ_ROLE_ARN',
      );
      expect(output).toContain(
        'backend.database.connection.host reads ${POSTGRES_HOST}, which is not set',
      );
      // Secrets are never echoed.
      expect(output).not.toContain(env.POSTGRES_PASSWORD);
      expect(output).not.toContain(env.RATE_LIMITER_REDIS_PORTAL_PASSWORD);
    });
  },
);
