/**
 * The seed's security runbook: runs the portal's posture checks against the
 * configured account and exits 0 (all passed), 1 (critical/high failure) or
 * 2 (warnings only). Reads app-config like the backend, so by default it checks the
 * local stack when `npm start` or `npm run stack:up` runs.
 *
 *   scripts/security-runbook.sh [--config app-config.yaml ...] [--json]
 */
import { ConfigSources } from '@backstage/config-loader';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultAwsClientFactory } from '../aws';
import { readProdHardeningConfig } from '../config';
import {
  renderRunbookTable,
  runbookExitCode,
} from '../domain/posture/runbookReport';
import { createPostureEngine } from '../services/posture/createPostureEngine';

const REPO_ROOT = resolve(__dirname, '../../../..');

export async function runSecurityRunbook(
  argv: string[],
  write: (text: string) => void,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    },
  });
  const configPaths = values.config?.length
    ? values.config
    : [resolve(REPO_ROOT, 'app-config.yaml')];
  const source = ConfigSources.default({
    rootDir: REPO_ROOT,
    argv: configPaths.flatMap(path => ['--config', resolve(path)]),
  });
  const config = readProdHardeningConfig(await ConfigSources.toConfig(source));
  const aws = DefaultAwsClientFactory.fromConfig(config);
  try {
    const report = await createPostureEngine(aws, config).evaluate();
    const exitCode = runbookExitCode(report.checks);
    write(
      values.json
        ? `${JSON.stringify({ exitCode, ...report }, null, 2)}\n`
        : `${renderRunbookTable(report)}\n`,
    );
    return exitCode;
  } finally {
    aws.destroy();
  }
}

if (require.main === module) {
  runSecurityRunbook(process.argv.slice(2), text => process.stdout.write(text))
    .then(code => process.exit(code))
    .catch(err => {
      process.stderr.write(`security-runbook: ${(err as Error).message}\n`);
      process.exit(3);
    });
}
