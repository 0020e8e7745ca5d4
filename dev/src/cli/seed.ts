/**
 * Seeds the local AWS emulator with the demo account's starting story.
 *
 *   npm run seed -- [--endpoint http://127.0.0.1:5055] [--region us-east-1]
 *                   [--account-id 123456789012] [--config app-config.yaml]
 *                   [--now 2026-11-15T12:00:00Z] [--reset]
 *
 * The endpoint defaults to 127.0.0.1 on PH_MOTO_PORT (5055). --reset wipes the
 * emulator first; without it the seed converges the existing state to the story.
 */
import { parseArgs } from 'node:util';
import { formatSeedSummary, loadResourceNames, seedDemoAccount } from '../seed';
import {
  DEFAULT_APP_CONFIG,
  DEFAULT_MOTO_PORT,
  callerAccountId,
  failWith,
  portFromEnv,
} from './common';
import { loadAwsTarget } from '../awsTarget';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      region: { type: 'string' },
      'account-id': { type: 'string' },
      config: { type: 'string', default: DEFAULT_APP_CONFIG },
      now: { type: 'string' },
      reset: { type: 'boolean', default: false },
    },
  });
  const endpoint =
    values.endpoint ??
    `http://127.0.0.1:${portFromEnv('PH_MOTO_PORT', DEFAULT_MOTO_PORT)}`;
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime()))
    throw new Error(`--now ${values.now} is not a date`);

  const target = await loadAwsTarget(values.config);
  const region = values.region ?? target.region;
  const resources = await loadResourceNames(values.config);

  if (values.reset) {
    // moto's own reset endpoint: a dev-tool convenience, never part of the seed itself.
    const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    if (!res.ok)
      throw new Error(`could not reset ${endpoint}: HTTP ${res.status}`);
  }
  const accountId =
    values['account-id'] ?? (await callerAccountId(endpoint, region));
  const summary = await seedDemoAccount({
    endpoint,
    region,
    accountId,
    resources,
    now,
  });
  process.stdout.write(`${formatSeedSummary(summary)}\n`);
}

main().catch(failWith);
