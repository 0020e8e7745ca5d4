import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  getFreePort,
  OidcIssuer,
  readCatalogUsers,
  startLocalStack,
  startOidcIssuer,
  startProcess,
  waitUntilHealthy,
} from '@prod-hardening/dev-stack';
import { parse } from 'yaml';
import { STATE_FILE, PortalState } from './portal';
import { serveStackControl, StackControl } from './stackControl';

const REPO_ROOT = resolve(__dirname, '..', '..');
const OUTPUT_DIR = resolve(__dirname, '..', 'output');

function buildApp() {
  const cli = require.resolve('@backstage/cli/bin/backstage-cli');
  const result = spawnSync(process.execPath, [cli, 'package', 'build'], {
    cwd: resolve(REPO_ROOT, 'packages', 'app'),
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `building packages/app failed:\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/**
 * Production's OIDC sign-in settings (prompt, the resolvers from an email to a catalog
 * User), read from app-config.production.yaml so the e2e sign-in resolves people
 * exactly as production does.
 */
function productionOidcSignIn(): Record<string, unknown> {
  const production = parse(
    readFileSync(resolve(REPO_ROOT, 'app-config.production.yaml'), 'utf8'),
  );
  const { prompt, signIn } = production.auth.providers.oidc.production;
  return { prompt, signIn };
}

/**
 * The company SSO beside the guest: a local identity provider for every catalog User
 * with an email, registered for this portal, and the oidc provider configured for the
 * development environment with production's sign-in settings.
 */
async function startCompanySso(baseUrl: string) {
  const clientId = 'portal-e2e';
  const clientSecret = randomBytes(16).toString('hex');
  const issuer = await startOidcIssuer({
    users: readCatalogUsers(resolve(REPO_ROOT, 'catalog', 'huntaze.yaml')),
    clients: [
      {
        clientId,
        clientSecret,
        redirectUris: [`${baseUrl}/api/auth/oidc/handler/frame`],
      },
    ],
  });
  // The secrets reach the backend through its environment, as in production, so the
  // override file written to e2e/output holds none.
  const authConfig = {
    // The OIDC login keeps its state, nonce and PKCE verifier in a signed session.
    session: { secret: '${AUTH_SESSION_SECRET}' },
    providers: {
      oidc: {
        development: {
          metadataUrl: issuer.metadataUrl,
          clientId,
          clientSecret: '${AUTH_OIDC_CLIENT_SECRET}',
          ...productionOidcSignIn(),
        },
      },
    },
  };
  const env = {
    AUTH_SESSION_SECRET: randomBytes(16).toString('hex'),
    AUTH_OIDC_CLIENT_SECRET: clientSecret,
  };
  return { issuer, authConfig, env };
}

/**
 * Starts the whole portal once for all specs: local stack on free ports, the app
 * built and served by the backend (one origin, like production), and returns the
 * teardown that stops exactly what was started.
 */
export default async function globalSetup() {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const log = (line: string) => process.stdout.write(`[e2e] ${line}\n`);
  const stack = await startLocalStack({
    configPath: resolve(REPO_ROOT, 'app-config.yaml'),
    log,
  });
  let control: StackControl | undefined;
  let issuer: OidcIssuer | undefined;
  try {
    buildApp();
    const port = await getFreePort();
    const baseUrl = `http://localhost:${port}`;
    const sso = await startCompanySso(baseUrl);
    issuer = sso.issuer;
    const overrides = resolve(OUTPUT_DIR, 'app-config.e2e.json');
    writeFileSync(
      overrides,
      JSON.stringify({
        app: { baseUrl, signIn: { companySsoBesideGuest: true } },
        auth: sso.authConfig,
        backend: { baseUrl, listen: { port }, cors: { origin: baseUrl } },
        prodHardening: {
          aws: { endpoint: stack.moto.endpoint, maxAttempts: 1 },
          redis: {
            url: stack.redis.url,
            connectTimeoutMs: 500,
            commandTimeoutMs: 500,
          },
          finops: { savingsChangeDay: stack.savingsChangeDay },
          // Scans early and often, so a spec sees the owners' notifications.
          notifications: { frequencyMinutes: 1, initialDelaySeconds: 5 },
        },
      }),
    );
    const cli = require.resolve('@backstage/cli/bin/backstage-cli');
    const backend = startProcess(
      'backstage backend',
      process.execPath,
      [
        cli,
        'package',
        'start',
        '--config',
        resolve(REPO_ROOT, 'app-config.yaml'),
        '--config',
        resolve(REPO_ROOT, 'app-config.development.yaml'),
        '--config',
        overrides,
      ],
      {
        cwd: resolve(REPO_ROOT, 'packages', 'backend'),
        env: {
          ...process.env,
          ...sso.env,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          NODE_ENV: 'development',
        },
      },
    );
    await waitUntilHealthy(
      backend,
      async () => (await fetch(`${baseUrl}/api/prod-hardening/health`)).ok,
      120_000,
    );
    log(`portal at ${baseUrl}`);

    // This process owns the stack for the whole run; specs change it through here.
    control = await serveStackControl(stack);
    const state: PortalState = {
      baseUrl,
      motoEndpoint: stack.moto.endpoint,
      controlUrl: control.url,
    };
    writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));

    return async () => {
      await control?.close();
      await backend.stop();
      await issuer?.stop();
      await stack.stop();
    };
  } catch (err) {
    await control?.close();
    await issuer?.stop();
    await stack.stop();
    throw err;
  }
}
