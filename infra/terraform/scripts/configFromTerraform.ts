/*
 * npm run config:from-terraform -- <outputs.json | -> [--out <file>]
 *
 * Turns `terraform output -json` of infra/terraform/production-hardening (or a root
 * module that re-exports its portal_config output) into the PROD_HARDENING_*
 * environment variables app-config.production.yaml reads. Exit 0 written, 2 bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../src/paths';
import {
  portalEnvFromOutputs,
  portalEnvNamesInConfig,
  renderEnvFile,
  stringOutput,
  TerraformOutputsError,
} from '../src/portalConfig';

const PRODUCTION_CONFIG = path.join(REPO_ROOT, 'app-config.production.yaml');
const USAGE =
  'usage: npm run config:from-terraform -- <outputs.json | -> [--out <file>]\n' +
  '  outputs.json: what `terraform output -json` printed (- reads it from stdin)';

function readOutputs(source: string): unknown {
  const text = fs.readFileSync(source === '-' ? 0 : source, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new TerraformOutputsError(
      `${source} is not JSON; write it with \`terraform output -json > ${source}\``,
    );
  }
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const [source] = positionals;
  if (source !== '-' && !fs.existsSync(source)) {
    process.stderr.write(`${source} does not exist\n${USAGE}\n`);
    return 2;
  }
  const outputs = readOutputs(source);
  const required = portalEnvNamesInConfig(
    fs.readFileSync(PRODUCTION_CONFIG, 'utf8'),
  );
  const env = portalEnvFromOutputs(outputs, required);
  const secretArn = stringOutput(outputs, 'redis_portal_password_secret_arn');
  const text = renderEnvFile(env, [
    'Also set the secrets (docs/deploy.md, Environment); RATE_LIMITER_REDIS_PORTAL_PASSWORD is',
    secretArn
      ? `the value of ${secretArn}.`
      : 'the value of the redis_portal_password_secret_arn output.',
  ]);
  if (values.out) {
    fs.writeFileSync(values.out, text);
    process.stderr.write(
      `wrote ${Object.keys(env).length} variables to ${values.out}\n`,
    );
  } else {
    process.stdout.write(text);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof TerraformOutputsError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}
