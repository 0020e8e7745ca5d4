import { ConfigReader } from '@backstage/config';
import {
  loadResourceNames,
  MotoServer,
  ResourceNames,
  seedDemoAccount,
  startMoto,
} from '@prod-hardening/dev-stack';
import {
  evaluateAccountPosture,
  readProdHardeningConfig,
} from '@prod-hardening/plugin-prod-hardening-backend';
import fs from 'node:fs';
import path from 'node:path';
import {
  applyErrors,
  applyToEmulator,
  EmulatorApply,
  EmulatorRootVariables,
  IGNORED_ARGUMENTS,
  LEFT_OUT_RESOURCES,
} from '../src/emulatorApply';
import { APP_CONFIG } from '../src/paths';
import { terraformAvailable } from '../src/terraformCli';

/**
 * Applies the production-hardening module to moto_server seeded with the demo
 * account's starting story, and runs the portal's posture checks before and after:
 * the checks the applied resources cover must turn from FAIL to PASS, and none that
 * passed may fail. Real moto_server, real terraform apply (offline provider mirror).
 */

const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';
/** The module's name defaults; the test asserts they give the seeded (portal) names. */
const NAME_PREFIX = 'huntaze';
const ENVIRONMENT = 'production';

/** Posture checks (backend catalog ids) the applied resources remediate. */
const COVERED_CHECKS = [
  'sqs-encryption', // aws_sqs_queue: SSE on the rate-limiter queue
  'dynamodb-pitr', // aws_dynamodb_table: point-in-time recovery
  'dynamodb-ttl', // aws_dynamodb_table: TTL on the ttl attribute
  'guardduty-enabled', // aws_guardduty_detector
];

function motoAvailable(): { available: boolean; reason: string } {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .some(dir => dir && fs.existsSync(path.join(dir, 'moto_server')));
  return onPath
    ? { available: true, reason: '' }
    : { available: false, reason: 'no moto_server on PATH' };
}

const prerequisites = [terraformAvailable(), motoAvailable()];
const skipReason = prerequisites
  .filter(p => !p.available)
  .map(p => p.reason)
  .join('; ');

// One init and one apply; the provider's own waits on the emulator take ~30 s per
// resource (SQS attribute and DynamoDB PITR/TTL polling), more on a busy CI machine.
jest.setTimeout(300_000);

if (skipReason) {
  // eslint-disable-next-line no-console
  console.warn(`terraform apply on the emulator skipped: ${skipReason}`);
}

type Statuses = Record<string, string>;

async function postureStatuses(
  endpoint: string,
  resources: ResourceNames,
): Promise<Statuses> {
  const config = readProdHardeningConfig(
    new ConfigReader({
      prodHardening: {
        aws: {
          accountId: ACCOUNT_ID,
          region: REGION,
          endpoint,
          maxAttempts: 1,
        },
        // Posture checks never touch Redis; a port nothing listens on.
        redis: { url: 'redis://127.0.0.1:1' },
        resources: resources as any,
      },
    }),
  );
  const report = await evaluateAccountPosture(config);
  return Object.fromEntries(report.checks.map(c => [c.id, c.status]));
}

/** The seed's queues and tables, by the module's resource names (import ids). */
function seededNames(
  endpoint: string,
  resources: ResourceNames,
): Pick<EmulatorRootVariables, 'seeded_queue_urls' | 'seeded_table_names'> {
  // moto's queue URL: <endpoint>/<account>/<name>; a wrong one fails the import.
  const url = (name: string) => `${endpoint}/${ACCOUNT_ID}/${name}`;
  return {
    seeded_queue_urls: {
      workflows: url(resources.queues.workflows),
      workflows_dlq: url(resources.queues.workflowsDlq),
      rate_limiter: url(resources.queues.rateLimiter),
      rate_limiter_dlq: url(resources.queues.rateLimiterDlq),
    },
    seeded_table_names: {
      ai_costs: resources.tables.aiCosts,
      cost_alerts: resources.tables.costAlerts,
    },
  };
}

(skipReason ? describe.skip : describe)(
  skipReason
    ? `terraform apply on the emulator (skipped: ${skipReason})`
    : 'production-hardening applied to the seeded emulator',
  () => {
    let moto: MotoServer;
    let before: Statuses;
    let after: Statuses;
    let applied: EmulatorApply;
    let cleanup = () => {};

    beforeAll(async () => {
      const started = Date.now();
      process.env.AWS_ACCESS_KEY_ID = 'test';
      process.env.AWS_SECRET_ACCESS_KEY = 'test';
      const resources = await loadResourceNames(APP_CONFIG);
      moto = await startMoto({ accountId: ACCOUNT_ID });
      await seedDemoAccount({
        endpoint: moto.endpoint,
        region: REGION,
        accountId: ACCOUNT_ID,
        resources,
      });
      before = await postureStatuses(moto.endpoint, resources);
      const run = await applyToEmulator({
        endpoint: moto.endpoint,
        aws_account_id: ACCOUNT_ID,
        aws_region: REGION,
        name_prefix: NAME_PREFIX,
        environment: ENVIRONMENT,
        ...seededNames(moto.endpoint, resources),
      });
      applied = run.result;
      cleanup = run.cleanup;
      after = await postureStatuses(moto.endpoint, resources);
      // eslint-disable-next-line no-console
      console.log(
        [
          `terraform apply on moto_server: ${
            applied.summary || `exit ${applied.apply.code}`
          } in ${Math.round(
            (Date.now() - started) / 1000,
          )} s (seed, two evaluations, init, apply)`,
          'Left out (the emulator cannot take them):',
          ...[...LEFT_OUT_RESOURCES, ...IGNORED_ARGUMENTS].map(
            l => `  ${l.address}: ${l.reason}`,
          ),
          'Posture checks before -> after:',
          ...Object.keys(before).map(
            id => `  ${id.padEnd(32)} ${before[id]} -> ${after[id]}`,
          ),
        ].join('\n'),
      );
    });

    afterAll(async () => {
      cleanup();
      await moto?.stop();
    });

    it('applies the targeted resources', () => {
      expect(applied.apply.code === 0 ? '' : applyErrors(applied.apply)).toBe(
        '',
      );
      expect(applied.summary).toBe(
        'Apply complete! Resources: 6 imported, 1 added, 6 changed, 0 destroyed.',
      );
    });

    it('adopts the seeded queues and tables in place: the module gives them the portal names', () => {
      // A module name different from the seeded one forces a replace of the import.
      expect(applied.plannedActions).toEqual({
        'module.production_hardening.aws_sqs_queue.workflows_dlq': 'update',
        'module.production_hardening.aws_sqs_queue.workflows': 'update',
        'module.production_hardening.aws_sqs_queue.rate_limiter_dlq': 'update',
        'module.production_hardening.aws_sqs_queue.rate_limiter': 'update',
        'module.production_hardening.aws_dynamodb_table.ai_costs': 'update',
        'module.production_hardening.aws_dynamodb_table.cost_alerts': 'update',
        'module.production_hardening.aws_guardduty_detector.this[0]': 'create',
      });
    });

    it('turns the checks the applied resources cover from FAIL to PASS', () => {
      const transitions = (s: Statuses) =>
        Object.fromEntries(COVERED_CHECKS.map(id => [id, s[id]]));
      expect(transitions(before)).toEqual(
        Object.fromEntries(COVERED_CHECKS.map(id => [id, 'FAIL'])),
      );
      expect(transitions(after)).toEqual(
        Object.fromEntries(COVERED_CHECKS.map(id => [id, 'PASS'])),
      );
    });

    it('makes no check that passed before fail', () => {
      const passedBefore = Object.keys(before).filter(
        id => before[id] === 'PASS',
      );
      expect(
        Object.fromEntries(passedBefore.map(id => [id, after[id]])),
      ).toEqual(Object.fromEntries(passedBefore.map(id => [id, 'PASS'])));
    });
  },
);
