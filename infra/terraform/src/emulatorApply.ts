import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MODULE_DIR, PACKAGE_DIR } from './paths';
import {
  copyTree,
  PLUGIN_DIR,
  terraform,
  TerraformResult,
} from './terraformCli';

/** Root module that calls production-hardening with the provider pointed at moto_server. */
export const EMULATOR_ROOT_DIR = path.join(
  PACKAGE_DIR,
  'test',
  'fixtures',
  'emulator',
);

const MODULE = 'module.production_hardening';

/**
 * What the apply targets: the resources moto_server 5.2.1 implements with provider
 * 5.100.0. Targets pull in their dependencies (the main queues pull in their DLQs).
 */
export const EMULATOR_TARGETS = [
  `${MODULE}.aws_sqs_queue.workflows`,
  `${MODULE}.aws_sqs_queue.rate_limiter`,
  `${MODULE}.aws_dynamodb_table.ai_costs`,
  `${MODULE}.aws_dynamodb_table.cost_alerts`,
  `${MODULE}.aws_guardduty_detector.this`,
] as const;

/** A part of the module left out of the emulator apply, and the emulator's reason. */
export interface LeftOut {
  address: string;
  reason: string;
}

/**
 * Resources behind posture checks that the emulator cannot take, so not targeted.
 * Each reason is what moto_server 5.2.1 / provider 5.100.0 did when applied.
 */
export const LEFT_OUT_RESOURCES: readonly LeftOut[] = [
  {
    address: `${MODULE}.aws_securityhub_account.this`,
    reason:
      'moto_server answers the UpdateSecurityHubConfiguration the provider sends after EnableSecurityHub with HTTP 500 "The update_security_hub_configuration action has not been implemented"; the provider retries until it times out',
  },
  {
    address: `${MODULE}.aws_budgets_budget.monthly`,
    reason:
      "the provider hung on the emulator's Budgets API (no error returned)",
  },
  {
    address: `${MODULE}.aws_s3_account_public_access_block.this`,
    reason:
      'the provider puts the account id in the S3 Control host: PutPublicAccessBlock to http://123456789012.127.0.0.1:<port> fails with "dial tcp: lookup 123456789012.127.0.0.1: no such host"',
  },
];

/** An argument of a targeted resource the emulator cannot store, and why. */
export interface IgnoredArgument extends LeftOut {
  /** Resource address inside the module, e.g. aws_sqs_queue.rate_limiter_dlq. */
  resource: string;
  argument: string;
}

/**
 * Arguments kept out of the apply with `ignore_changes` in an override file written
 * into the scratch copy of the module (never into the repository's module).
 */
export const IGNORED_ARGUMENTS: readonly IgnoredArgument[] = [
  'aws_sqs_queue.workflows_dlq',
  'aws_sqs_queue.rate_limiter_dlq',
].map(resource => ({
  resource,
  argument: 'redrive_allow_policy',
  address: `${MODULE}.${resource}.redrive_allow_policy`,
  reason:
    "moto_server 5.2.1 does not store RedriveAllowPolicy (GetQueueAttributes never returns it), so the provider waits 3 min for the attributes to match and fails: \"waiting for SQS Queue (...) attributes update: timeout while waiting for state to become 'equal' (last state: 'notequal', timeout: 3m0s)\"",
}));

/** `ignore_changes` override blocks for IGNORED_ARGUMENTS, as Terraform merges them. */
export function renderIgnoreOverride(ignored: readonly IgnoredArgument[]) {
  const byResource = new Map<string, string[]>();
  for (const { resource, argument } of ignored) {
    byResource.set(resource, [...(byResource.get(resource) ?? []), argument]);
  }
  return [...byResource]
    .map(([resource, args]) => {
      const [type, name] = resource.split('.');
      return `resource "${type}" "${name}" {\n  lifecycle {\n    ignore_changes = [${args.join(
        ', ',
      )}]\n  }\n}\n`;
    })
    .join('\n');
}

/** Inputs of the emulator root module (test/fixtures/emulator/main.tf). */
export interface EmulatorRootVariables {
  endpoint: string;
  aws_account_id: string;
  aws_region: string;
  name_prefix: string;
  environment: string;
  seeded_queue_urls: {
    workflows: string;
    workflows_dlq: string;
    rate_limiter: string;
    rate_limiter_dlq: string;
  };
  seeded_table_names: { ai_costs: string; cost_alerts: string };
}

export interface EmulatorApply {
  init: TerraformResult;
  apply: TerraformResult;
  /** The plan's action per resource address ("create", "update", "replace", ...). */
  plannedActions: Record<string, string>;
  /** The apply's change summary, e.g. "6 imported, 1 added, 6 changed, 0 destroyed". */
  summary: string;
}

/**
 * Copies the module and the emulator root into a temp dir (same relative layout, so
 * the root's `source` resolves; state, lock file and .terraform stay there), writes the
 * variables and the override, then runs one init and one apply. Returns a cleanup.
 */
export async function applyToEmulator(
  variables: EmulatorRootVariables,
): Promise<{ result: EmulatorApply; cleanup: () => void }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-emulator-'));
  const cleanup = () => fs.rmSync(root, { recursive: true, force: true });
  const moduleCopy = path.join(root, path.relative(PACKAGE_DIR, MODULE_DIR));
  const cwd = path.join(root, path.relative(PACKAGE_DIR, EMULATOR_ROOT_DIR));
  const dataDir = path.join(root, 'data');
  copyTree(MODULE_DIR, moduleCopy);
  copyTree(EMULATOR_ROOT_DIR, cwd);
  fs.writeFileSync(
    path.join(moduleCopy, 'emulator_override.tf'),
    renderIgnoreOverride(IGNORED_ARGUMENTS),
  );
  fs.writeFileSync(
    path.join(cwd, 'terraform.tfvars.json'),
    JSON.stringify(variables, null, 2),
  );
  try {
    const init = await terraform(
      cwd,
      ['init', '-input=false', '-no-color', `-plugin-dir=${PLUGIN_DIR}`],
      dataDir,
    );
    const apply =
      init.code === 0
        ? await terraform(
            cwd,
            [
              'apply',
              '-auto-approve',
              '-input=false',
              '-no-color',
              '-json',
              ...EMULATOR_TARGETS.map(t => `-target=${t}`),
            ],
            dataDir,
          )
        : { code: -1, stdout: '', stderr: 'not run: init failed' };
    return {
      result: { init, apply, ...readApplyEvents(apply.stdout) },
      cleanup,
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

interface ApplyEvent {
  type?: string;
  '@message'?: string;
  change?: { resource?: { addr?: string }; action?: string };
  changes?: { operation?: string };
}

/** Planned actions and the apply summary from `terraform apply -json` output. */
export function readApplyEvents(
  stdout: string,
): Pick<EmulatorApply, 'plannedActions' | 'summary'> {
  const plannedActions: Record<string, string> = {};
  let summary = '';
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as ApplyEvent;
    const addr = event.change?.resource?.addr;
    if (event.type === 'planned_change' && addr && event.change?.action) {
      plannedActions[addr] = event.change.action;
    }
    if (
      event.type === 'change_summary' &&
      event.changes?.operation === 'apply'
    ) {
      summary = event['@message'] ?? '';
    }
  }
  return { plannedActions, summary };
}

/** Error diagnostics of a failed `terraform apply -json`, for the failure message. */
export function applyErrors(result: TerraformResult): string {
  const errors = result.stdout
    .split('\n')
    .filter(line => line.startsWith('{'))
    .map(
      line =>
        JSON.parse(line) as {
          '@level'?: string;
          diagnostic?: { summary?: string; detail?: string };
        },
    )
    .filter(e => e['@level'] === 'error')
    .map(e =>
      `${e.diagnostic?.summary ?? ''} ${e.diagnostic?.detail ?? ''}`.trim(),
    );
  return [...errors, result.stderr].filter(Boolean).join('\n');
}
