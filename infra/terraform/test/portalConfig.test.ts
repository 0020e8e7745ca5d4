import { ConfigSources } from '@backstage/config-loader';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MotoServer, startMoto } from '@prod-hardening/dev-stack';
import { loadModule, outputs as moduleOutputs } from '../src/module';
import { MODULE_DIR, PACKAGE_DIR, REPO_ROOT } from '../src/paths';
import {
  envNameFor,
  portalEnvFromOutputs,
  portalEnvNamesInConfig,
  renderEnvFile,
  TerraformOutputsError,
} from '../src/portalConfig';
import {
  copyTree,
  PLUGIN_DIR,
  terraform,
  terraformAvailable,
} from '../src/terraformCli';

const PRODUCTION_CONFIG = path.join(REPO_ROOT, 'app-config.production.yaml');
const FIXTURE_ROOT = path.join(
  PACKAGE_DIR,
  'test',
  'fixtures',
  'portal-config',
);

/**
 * Where each portal_config key must come from: the resource and attribute the module
 * creates, and the portal key that reads it (through ${PROD_HARDENING_<KEY>}).
 */
const SOURCES: Record<string, { from: string; portalKey: string | undefined }> =
  {
    account_id: { from: 'var.aws_account_id', portalKey: 'aws.accountId' },
    region: { from: 'var.aws_region', portalKey: 'aws.region' },
    read_role_arn: {
      from: 'aws_iam_role.portal_read.arn',
      portalKey: 'aws.readRoleArn',
    },
    remediation_role_arn: {
      from: 'aws_iam_role.portal_remediation.arn',
      portalKey: 'aws.remediationRoleArn',
    },
    redis_host: {
      from: 'aws_elasticache_replication_group.redis.primary_endpoint_address',
      portalKey: undefined, // inside redis.url
    },
    redis_port: { from: 'tostring(local.redis_port)', portalKey: undefined },
    redis_replication_group_id: {
      from: 'aws_elasticache_replication_group.redis.replication_group_id',
      portalKey: 'resources.redisReplicationGroupId',
    },
    ai_costs_table: {
      from: 'aws_dynamodb_table.ai_costs.name',
      portalKey: 'resources.tables.aiCosts',
    },
    cost_alerts_table: {
      from: 'aws_dynamodb_table.cost_alerts.name',
      portalKey: 'resources.tables.costAlerts',
    },
    workflows_queue: {
      from: 'aws_sqs_queue.workflows.name',
      portalKey: 'resources.queues.workflows',
    },
    workflows_dlq: {
      from: 'aws_sqs_queue.workflows_dlq.name',
      portalKey: 'resources.queues.workflowsDlq',
    },
    rate_limiter_queue: {
      from: 'aws_sqs_queue.rate_limiter.name',
      portalKey: 'resources.queues.rateLimiter',
    },
    rate_limiter_dlq: {
      from: 'aws_sqs_queue.rate_limiter_dlq.name',
      portalKey: 'resources.queues.rateLimiterDlq',
    },
    cost_alerts_topic: {
      from: 'aws_sns_topic.cost_alerts.name',
      portalKey: 'resources.topics.costAlerts',
    },
    security_alerts_topic: {
      from: 'aws_sns_topic.security_alerts.name',
      portalKey: 'resources.topics.securityAlerts',
    },
    ops_alerts_topic: {
      from: 'aws_sns_topic.ops_alerts.name',
      portalKey: 'resources.topics.opsAlerts',
    },
    budget_name: {
      from: 'aws_budgets_budget.monthly.name',
      portalKey: 'resources.budgetName',
    },
    rds_parameter_group_name: {
      from: 'aws_db_parameter_group.postgres.name',
      portalKey: 'resources.rdsParameterGroupName',
    },
    cloudtrail_name: {
      from: 'aws_cloudtrail.this.name',
      portalKey: 'resources.cloudTrailName',
    },
    rate_limiter_function_name: {
      from: 'aws_lambda_function.rate_limiter.function_name',
      portalKey: 'resources.rateLimiterFunctionName',
    },
    rate_limiter_alias: {
      from: 'aws_lambda_alias.rate_limiter_live.name',
      portalKey: 'resources.rateLimiterAlias',
    },
    cost_anomaly_monitor_name: {
      from: 'aws_ce_anomaly_monitor.services.name',
      portalKey: 'resources.costAnomalyMonitorName',
    },
  };

const requiredNames = () =>
  portalEnvNamesInConfig(fs.readFileSync(PRODUCTION_CONFIG, 'utf8'));

/** `terraform output -json` as the CLI prints it. */
const asOutputs = (value: unknown, sensitive = false) => ({
  portal_config: { sensitive, type: ['object', {}], value },
});

const completeValues = () =>
  Object.fromEntries(Object.keys(SOURCES).map(key => [key, `value-${key}`]));

describe('npm run config:from-terraform', () => {
  it('needs exactly the portal_config keys of the module: every ${PROD_HARDENING_*} app-config.production.yaml reads', async () => {
    const output = moduleOutputs(await loadModule(MODULE_DIR)).find(
      o => o.name === 'portal_config',
    );
    const value = output?.body.value as Record<string, string>;
    expect(Object.keys(value).map(envNameFor).sort()).toEqual(requiredNames());
    expect(Object.keys(SOURCES).map(envNameFor).sort()).toEqual(
      requiredNames(),
    );
  });

  it('takes each portal_config value from the resource the portal reads', async () => {
    const output = moduleOutputs(await loadModule(MODULE_DIR)).find(
      o => o.name === 'portal_config',
    );
    const value = output?.body.value as Record<string, string>;
    expect(value).toEqual(
      Object.fromEntries(
        Object.entries(SOURCES).map(([key, { from }]) => [key, `\${${from}}`]),
      ),
    );
  });

  it('writes one KEY=value line per variable and no secret', () => {
    const env = portalEnvFromOutputs(asOutputs(completeValues()), [
      'PROD_HARDENING_READ_ROLE_ARN',
      'PROD_HARDENING_AI_COSTS_TABLE',
    ]);
    expect(env).toEqual({
      PROD_HARDENING_READ_ROLE_ARN: 'value-read_role_arn',
      PROD_HARDENING_AI_COSTS_TABLE: 'value-ai_costs_table',
    });
    const text = renderEnvFile(env, ['a note']);
    expect(text.split('\n').filter(l => !l.startsWith('#'))).toEqual([
      'PROD_HARDENING_AI_COSTS_TABLE=value-ai_costs_table',
      'PROD_HARDENING_READ_ROLE_ARN=value-read_role_arn',
      '',
    ]);
    expect(text).toContain('# a note\n');
  });

  it('names every missing or empty output key and its variable in one error', () => {
    const values: Record<string, unknown> = completeValues();
    delete values.read_role_arn;
    values.redis_host = '';
    values.redis_port = 6379;
    expect(() => portalEnvFromOutputs(asOutputs(values), requiredNames()))
      .toThrow(`terraform output cannot configure the portal:
  - portal_config.read_role_arn (for PROD_HARDENING_READ_ROLE_ARN) is missing
  - portal_config.redis_host (for PROD_HARDENING_REDIS_HOST) is missing
  - portal_config.redis_port (for PROD_HARDENING_REDIS_PORT) is not a string`);
  });

  it.each([
    ['not an object', [], /not the JSON object that `terraform output -json`/],
    [
      'without portal_config',
      { other: { value: 'x' } },
      /has no portal_config: apply .* output "portal_config"/,
    ],
    [
      'with a sensitive portal_config',
      asOutputs(completeValues(), true),
      /portal_config is marked sensitive/,
    ],
    [
      'with a value that needs quoting',
      asOutputs({ ...completeValues(), region: 'us-east-1 ; rm -rf' }),
      /portal_config.region \(for PROD_HARDENING_REGION\) has characters/,
    ],
  ])('refuses outputs %s', (_name, outputs, message) => {
    expect(() => portalEnvFromOutputs(outputs, requiredNames())).toThrow(
      TerraformOutputsError,
    );
    expect(() => portalEnvFromOutputs(outputs, requiredNames())).toThrow(
      message,
    );
  });

  it('exits 2 with the missing keys named, and 0 with the file written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-config-'));
    try {
      const script = path.join(
        PACKAGE_DIR,
        'scripts',
        'configFromTerraform.ts',
      );
      const tsx = require.resolve('tsx/cli');
      const run = (file: string, out: string) => {
        try {
          execFileSync(process.execPath, [tsx, script, file, '--out', out], {
            stdio: 'pipe',
          });
          return { code: 0, stderr: '' };
        } catch (error) {
          const e = error as { status: number; stderr: Buffer };
          return { code: e.status, stderr: e.stderr.toString() };
        }
      };
      const partial = path.join(dir, 'partial.json');
      fs.writeFileSync(partial, JSON.stringify(asOutputs({ region: 'x' })));
      const refused = run(partial, path.join(dir, 'refused.env'));
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        'portal_config.read_role_arn (for PROD_HARDENING_READ_ROLE_ARN) is missing',
      );
      expect(fs.existsSync(path.join(dir, 'refused.env'))).toBe(false);

      const complete = path.join(dir, 'complete.json');
      fs.writeFileSync(complete, JSON.stringify(asOutputs(completeValues())));
      expect(run(complete, path.join(dir, 'portal.env')).code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'portal.env'), 'utf8')).toContain(
        'PROD_HARDENING_READ_ROLE_ARN=value-read_role_arn\n',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Terraform's own plan of the whole module (default names), read back as the portal
 * reads it: the names in the plan's portal_config, through the generator and Backstage's
 * config loader, are the names of the resources the plan creates.
 */
const { available, reason } = terraformAvailable();
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`portal_config plan test skipped: ${reason}`);
}

(available ? describe : describe.skip)(
  available
    ? 'portal_config in a terraform plan of the module'
    : `portal_config in a terraform plan (skipped: ${reason})`,
  () => {
    jest.setTimeout(300_000);

    let moto: MotoServer | undefined;
    let root = '';
    let plan: any;

    beforeAll(async () => {
      moto = await startMoto();
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-portal-config-'));
      copyTree(MODULE_DIR, path.join(root, 'production-hardening'));
      copyTree(FIXTURE_ROOT, path.join(root, 'portal-config'));
      const cwd = path.join(root, 'portal-config');
      const dataDir = path.join(root, 'data');
      const artifact = path.join(root, 'artifact.zip');
      fs.writeFileSync(artifact, 'the plan only hashes this file');
      const steps: string[][] = [
        [
          'init',
          '-backend=false',
          '-input=false',
          '-no-color',
          `-plugin-dir=${PLUGIN_DIR}`,
        ],
        [
          'plan',
          '-input=false',
          '-no-color',
          '-refresh=false',
          '-out=plan.bin',
          `-var=endpoint=${moto.endpoint}`,
          `-var=rate_limiter_artifact_path=${artifact}`,
        ],
      ];
      for (const args of steps) {
        const result = await terraform(cwd, args, dataDir);
        if (result.code !== 0)
          throw new Error(`terraform ${args[0]}: ${result.stderr}`);
      }
      const shown = await terraform(
        cwd,
        ['show', '-json', 'plan.bin'],
        dataDir,
      );
      if (shown.code !== 0) throw new Error(`terraform show: ${shown.stderr}`);
      plan = JSON.parse(shown.stdout);
    });

    afterAll(async () => {
      await moto?.stop();
      if (root) fs.rmSync(root, { recursive: true, force: true });
    });

    /** A planned resource of the module by its address inside the module. */
    const planned = (address: string) => {
      const module = plan.planned_values.root_module.child_modules.find(
        (m: any) => m.address === 'module.production_hardening',
      );
      const resource = module.resources.find(
        (r: any) => r.address === `module.production_hardening.${address}`,
      );
      if (!resource) throw new Error(`the plan creates no ${address}`);
      return resource.values as Record<string, unknown>;
    };

    it('knows at plan time every value but the ARNs and the endpoint AWS assigns', () => {
      const unknown = plan.output_changes.portal_config.after_unknown;
      expect(
        Object.keys(unknown)
          .filter(key => unknown[key] === true)
          .sort(),
      ).toEqual(['read_role_arn', 'redis_host', 'remediation_role_arn']);
      expect(planned('aws_iam_role.portal_read').name).toBe(
        'huntaze-portal-read',
      );
      expect(planned('aws_iam_role.portal_remediation').name).toBe(
        'huntaze-portal-remediation',
      );
    });

    it('gives the portal, through the generated environment and the config loader, the names of the resources the plan creates', async () => {
      const values = {
        ...plan.output_changes.portal_config.after,
        // Assigned by AWS at apply; the plan shows them as unknown.
        read_role_arn: 'arn:aws:iam::123456789012:role/after-apply',
        remediation_role_arn: 'arn:aws:iam::123456789012:role/after-apply',
        redis_host: 'after-apply.cache.amazonaws.com',
      };
      const env = portalEnvFromOutputs(asOutputs(values), requiredNames());
      const config = await ConfigSources.toConfig(
        ConfigSources.default({
          rootDir: REPO_ROOT,
          argv: [
            '--config',
            path.join(REPO_ROOT, 'app-config.yaml'),
            '--config',
            PRODUCTION_CONFIG,
          ],
          watch: false,
          // Secrets are not Terraform's: any value.
          substitutionFunc: async name => env[name] ?? `secret-${name}`,
        }),
      );
      config.close();

      for (const [key, { from, portalKey }] of Object.entries(SOURCES)) {
        if (!portalKey || !from.startsWith('aws_')) continue;
        if (['read_role_arn', 'remediation_role_arn'].includes(key)) continue;
        const [type, name, attribute] = from.split('.');
        expect({
          key,
          portal: config.getString(`prodHardening.${portalKey}`),
        }).toEqual({ key, portal: planned(`${type}.${name}`)[attribute] });
      }
      expect(config.getString('prodHardening.aws.accountId')).toBe(
        '123456789012',
      );
      expect(config.getString('prodHardening.aws.region')).toBe('us-east-1');
      expect(config.getString('prodHardening.redis.url')).toBe(
        'rediss://after-apply.cache.amazonaws.com:6379',
      );
      expect(config.getString('prodHardening.redis.username')).toBe(
        planned('aws_elasticache_user.portal').user_name,
      );
    });

    // The Lambda's own variables are checked against its config by test/names.test.ts
    // (the plan hides them: REDIS_URL holds the AUTH token, so the map is sensitive).
    it('names the rate-limiter function and alias the plan creates', () => {
      expect(plan.output_changes.portal_config.after).toMatchObject({
        rate_limiter_function_name: planned('aws_lambda_function.rate_limiter')
          .function_name,
        rate_limiter_alias: planned('aws_lambda_alias.rate_limiter_live').name,
      });
    });
  },
);
