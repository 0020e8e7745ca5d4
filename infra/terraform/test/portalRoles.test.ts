import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { resolveStatic } from '../src/expressions';
import { findResource, loadModule, TfModule } from '../src/module';
import { MODULE_DIR, REPO_ROOT } from '../src/paths';

const PRODUCTION_CONFIG = path.join(REPO_ROOT, 'app-config.production.yaml');

let mod: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

/** The `name` of an aws_iam_role as Terraform creates it (name_prefix at its default). */
function terraformRoleName(resourceName: string): string {
  const role = findResource(mod, 'aws_iam_role', resourceName);
  if (!role)
    throw new Error(`iam_portal.tf has no aws_iam_role.${resourceName}`);
  const name = resolveStatic(mod, role.body.name);
  if (typeof name !== 'string') {
    throw new Error(`aws_iam_role.${resourceName}.name is not static`);
  }
  return name;
}

/** The role name at the end of an ARN of app-config.production.yaml prodHardening.aws. */
function productionRoleName(key: 'readRoleArn' | 'remediationRoleArn'): string {
  const config = YAML.parse(fs.readFileSync(PRODUCTION_CONFIG, 'utf8'));
  const arn = config?.prodHardening?.aws?.[key];
  const match = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(
    String(arn),
  );
  if (!match) {
    throw new Error(
      `app-config.production.yaml prodHardening.aws.${key} is not a role ARN: ${arn}`,
    );
  }
  return match[1];
}

describe('the roles app-config.production.yaml assumes are the ones Terraform creates', () => {
  it.each([
    ['readRoleArn', 'portal_read'],
    ['remediationRoleArn', 'portal_remediation'],
  ] as const)(
    'prodHardening.aws.%s names aws_iam_role.%s',
    (key, resourceName) => {
      expect(productionRoleName(key)).toBe(terraformRoleName(resourceName));
    },
  );

  it('resolves the Terraform names with the default name_prefix', () => {
    expect(terraformRoleName('portal_read')).toBe('huntaze-portal-read');
    expect(terraformRoleName('portal_remediation')).toBe(
      'huntaze-portal-remediation',
    );
  });
});
