import path from 'node:path';

export const PACKAGE_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '..', '..');
export const MODULE_DIR = path.join(PACKAGE_DIR, 'production-hardening');
export const EXAMPLE_DIR = path.join(MODULE_DIR, 'examples', 'complete');
export const README = path.join(MODULE_DIR, 'README.md');
export const SCHEMA_FIXTURE = path.join(
  PACKAGE_DIR,
  'test',
  'fixtures',
  'aws-provider-schema.json',
);
export const APP_CONFIG = path.join(REPO_ROOT, 'app-config.yaml');
export const BACKEND_DIR = path.join(
  REPO_ROOT,
  'plugins',
  'prod-hardening-backend',
);
export const COST_LIBRARY_DIR = path.join(
  REPO_ROOT,
  'packages',
  'cost-monitoring',
);
export const LAMBDA_DIR = path.join(REPO_ROOT, 'lambdas', 'rate-limiter');
export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
