/**
 * `npm start` in this package: the prod-hardening backend plugin alone, against the
 * local stack (moto_server and redis-server on free ports, seeded like `npm start` at
 * the root). Sign-in, permissions and the catalog are Backstage's test services: every
 * call is the guest (group platform-oncall), every permission is allowed, and the
 * catalog is catalog/huntaze.yaml. Try it:
 *
 *   curl localhost:7007/api/prod-hardening/health
 *   curl localhost:7007/api/prod-hardening/posture
 *
 * Ctrl-C stops the backend and the stack it started.
 */
import { resolve } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startLocalStack } from '@prod-hardening/dev-stack';
import {
  seededCatalogEntities,
  seededUserInfo,
} from '../src/testUtils/seededCatalog';

const APP_CONFIG = resolve(__dirname, '../../../app-config.yaml');
const log = (line: string) => process.stdout.write(`[dev] ${line}\n`);

async function main() {
  const stack = await startLocalStack({ configPath: APP_CONFIG, log });
  log(`AWS emulator ${stack.moto.endpoint}, Redis ${stack.redis.url}`);
  // Read when the backend loads its configuration (backend.start below).
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    APP_CONFIG_prodHardening_aws_endpoint: stack.moto.endpoint,
    APP_CONFIG_prodHardening_redis_url: stack.redis.url,
    // Notices need the notifications backend, which this dev backend has not.
    APP_CONFIG_prodHardening_notifications_enabled: 'false',
  });
  const stop = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const backend = createBackend();
  backend.add(mockServices.auth.factory());
  backend.add(
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.user('user:default/guest'),
    }),
  );
  backend.add(
    mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
  );
  backend.add(seededUserInfo);
  backend.add(
    catalogServiceMock.factory({ entities: seededCatalogEntities() }),
  );
  backend.add(import('../src'));
  await backend.start();
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
