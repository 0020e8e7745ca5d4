import { ConfigReader } from '@backstage/config';
import {
  portalAccessString,
  readProdHardeningConfig,
} from '@prod-hardening/plugin-prod-hardening-backend';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { resolveStatic } from '../src/expressions';
import { findResource, loadModule, TfModule } from '../src/module';
import { APP_CONFIG, MODULE_DIR, REPO_ROOT } from '../src/paths';

let mod: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

const yaml = (file: string) => YAML.parse(fs.readFileSync(file, 'utf8'));
const attribute = (type: string, name: string, key: string) =>
  resolveStatic(mod, findResource(mod, type, name)?.body[key]);

describe('Redis users (elasticache_users.tf) match the portal', () => {
  it("gives the portal user exactly the access string the portal's code generates for the Lambda's key prefixes", () => {
    const { rateLimiter } = readProdHardeningConfig(
      new ConfigReader({ prodHardening: yaml(APP_CONFIG).prodHardening }),
    );
    expect({
      file: 'elasticache_users.tf',
      access_string: attribute(
        'aws_elasticache_user',
        'portal',
        'access_string',
      ),
    }).toEqual({
      file: 'elasticache_users.tf',
      access_string: portalAccessString({
        limiterKeyPrefix: rateLimiter.keyPrefix,
        metricsKeyPrefix: rateLimiter.metricsKeyPrefix,
      }),
    });
  });

  it('names the portal user as app-config.production.yaml signs in', () => {
    const production = yaml(path.join(REPO_ROOT, 'app-config.production.yaml'));
    expect(attribute('aws_elasticache_user', 'portal', 'user_name')).toBe(
      production.prodHardening.redis.username,
    );
  });

  it('puts the default user (the AUTH token) and the portal user in the group the replication group uses, without an auth_token', () => {
    const group = findResource(mod, 'aws_elasticache_user_group', 'redis')!;
    expect(group.body.user_ids).toEqual([
      '${aws_elasticache_user.default.user_id}',
      '${aws_elasticache_user.portal.user_id}',
    ]);
    expect(attribute('aws_elasticache_user', 'default', 'user_name')).toBe(
      'default',
    );
    expect(
      findResource(mod, 'aws_elasticache_user', 'default')?.body.passwords,
    ).toEqual([
      '${aws_secretsmanager_secret_version.redis_auth.secret_string}',
    ]);
    const replicationGroup = findResource(
      mod,
      'aws_elasticache_replication_group',
      'redis',
    )!;
    expect(replicationGroup.body.user_group_ids).toEqual([
      '${aws_elasticache_user_group.redis.user_group_id}',
    ]);
    expect(replicationGroup.body.auth_token).toBeUndefined();
  });
});
