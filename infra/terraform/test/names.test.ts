import fs from 'node:fs';
import path from 'node:path';
import {
  checkNamesAgainstAppConfig,
  checkNamesInSources,
  checkProposedNamesAgainstAppConfig,
  absentProposedKeys,
  envNamesInConfig,
  envNamesInTerraform,
  readPortalResources,
  requiredEnvInConfig,
} from '../src/checks';
import { expandBlocks } from '../src/blocks';
import { resolveStatic, staticValue } from '../src/expressions';
import { loadModule, TfModule, variableDefault } from '../src/module';
import {
  APP_CONFIG,
  COST_LIBRARY_DIR,
  LAMBDA_DIR,
  MODULE_DIR,
  REPO_ROOT,
} from '../src/paths';
import { assertNoViolations } from '../src/violations';

let mod: TfModule;

beforeAll(async () => {
  mod = await loadModule(MODULE_DIR);
});

/** Workspace package directories (simple `dir/*` and `dir` patterns of the root package.json). */
function workspaceDirs(): string[] {
  const root = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
  );
  return (root.workspaces as string[]).flatMap(pattern => {
    if (!pattern.endsWith('/*')) return [path.join(REPO_ROOT, pattern)];
    const parent = path.join(REPO_ROOT, pattern.slice(0, -2));
    return fs.existsSync(parent)
      ? fs
          .readdirSync(parent)
          .map(d => path.join(parent, d))
          .filter(d => fs.existsSync(path.join(d, 'package.json')))
      : [];
  });
}

describe('names agree with the portal, the Lambda and the cost-monitoring library', () => {
  const portal = readPortalResources(APP_CONFIG);

  it('names tables, queues, DLQs, topics, budget, Redis group, parameter group, trail and clusters as app-config.yaml does', () => {
    assertNoViolations(checkNamesAgainstAppConfig(mod, portal));
  });

  describe('names of the ECS services, Intelligent-Tiering buckets, anomaly monitor, rate-limiter alias and secrets', () => {
    it('equal app-config.yaml wherever it lists them', () => {
      assertNoViolations(checkProposedNamesAgainstAppConfig(mod, portal));
    });

    it('are all listed in app-config.yaml, so none is left out of the comparison', () => {
      expect(absentProposedKeys(portal)).toEqual([]);
    });

    const proposed = {
      ecsServices: [
        { cluster: 'huntaze-ai-production', service: 'ai' },
        { cluster: 'huntaze-web-production', service: 'web' },
        { cluster: 'huntaze-workers-production', service: 'workers' },
      ],
      intelligentTieringBuckets: [
        'huntaze-uploads-production',
        'huntaze-assets-production',
      ],
      costAnomalyMonitorName: 'huntaze-aws-services',
      rateLimiterFunctionName: 'huntaze-rate-limiter',
      rateLimiterAlias: 'live',
      secrets: [
        'huntaze/postgres/password',
        'huntaze/onlyfans/api-token',
        'huntaze/redis/auth-token',
      ],
    };

    it('agree with every proposed key (lists compared as sets)', () => {
      expect(absentProposedKeys(proposed)).toEqual([]);
      expect(checkProposedNamesAgainstAppConfig(mod, proposed)).toEqual([]);
    });

    it('name the file and the key where app-config.yaml disagrees', () => {
      const violations = checkProposedNamesAgainstAppConfig(mod, {
        ...proposed,
        intelligentTieringBuckets: ['huntaze-assets-production'],
        rateLimiterAlias: 'current',
        secrets: ['huntaze/onlyfans/api-token', 'huntaze/redis/auth-token'],
      });
      expect(
        violations.map(
          v => `${v.file}: ${v.message.replace(/^.*?, app/, 'app')}`,
        ),
      ).toEqual([
        's3_intelligent_tiering.tf: app-config.yaml prodHardening.resources.intelligentTieringBuckets is ["huntaze-assets-production"]',
        'lambda.tf: app-config.yaml prodHardening.resources.rateLimiterAlias is "current"',
        'secrets.tf: app-config.yaml prodHardening.resources.secrets is ["huntaze/onlyfans/api-token","huntaze/redis/auth-token"]',
      ]);
    });
  });

  it('budgets the monthlyBudgetUsd of app-config.yaml', () => {
    expect(variableDefault(mod, 'monthly_budget_usd')).toBe(
      portal.monthlyBudgetUsd,
    );
  });

  it('uses only module-defined names and indexes in the Lambda and the cost-monitoring library sources', () => {
    const dirs = workspaceDirs().filter(d =>
      /lambdas[\\/]|cost/.test(path.relative(REPO_ROOT, d)),
    );
    assertNoViolations(
      checkNamesInSources(
        mod,
        dirs,
        REPO_ROOT,
        String(variableDefault(mod, 'name_prefix')),
      ),
    );
  });

  const configTs = path.join(LAMBDA_DIR, 'src', 'config.ts');
  /** The Lambda environment as written in lambda.tf: a map literal, or a merge(...) expression. */
  const environment = () => {
    const value = mod.locals.get('rate_limiter_environment')?.value;
    return typeof value === 'string'
      ? value
      : Object.entries(value ?? {})
          .map(([k, v]) => `${k} = ${String(v)}`)
          .join('\n');
  };
  const describeConfig = fs.existsSync(configTs) ? describe : describe.skip;

  it('sets the Lambda environment the handler needs: Redis over TLS, its queues, limits, the API token secret', () => {
    expect([...envNamesInTerraform(environment())]).toEqual(
      expect.arrayContaining([
        'REDIS_URL',
        'REDIS_AUTH_TOKEN_SECRET_ID',
        'QUEUE_URL',
        'DLQ_URL',
        'MESSAGING_API_TOKEN_SECRET_ID',
        'RATE_LIMIT_CAPACITY',
        'RATE_LIMIT_REFILL_INTERVAL_MS',
        'RATE_LIMIT_WINDOW_LIMIT',
        'RATE_LIMIT_WINDOW_MS',
        'MAX_CONCURRENCY',
        'MAX_RECEIVES',
      ]),
    );
    expect(environment()).toMatch(/REDIS_URL = rediss:\/\//);
  });

  it('keeps the Redis AUTH token out of the Lambda environment: the function reads it from its secret', () => {
    expect(environment()).not.toMatch(
      /redis_auth\.secret_string|random_password/,
    );
    expect(environment()).not.toMatch(/rediss:\/\/[^\s]*@/);
    expect(environment()).toMatch(
      /REDIS_AUTH_TOKEN_SECRET_ID = \$\{aws_secretsmanager_secret\.redis_auth\.arn\}/,
    );
  });

  it("tells the Lambda the queue's maxReceiveCount (MAX_RECEIVES)", async () => {
    const queue = mod.blocks.find(
      b => b.type === 'aws_sqs_queue' && b.name === 'rate_limiter',
    )!;
    const redrive = (await staticValue(
      queue.file,
      queue.body.redrive_policy,
    )) as { maxReceiveCount: number };
    expect(resolveStatic(mod, '${local.max_receive_count}')).toBe(
      redrive.maxReceiveCount,
    );
    expect(environment()).toMatch(
      /MAX_RECEIVES = \$\{tostring\(local\.max_receive_count\)\}/,
    );
  });

  describeConfig(
    `Lambda environment vs ${path.relative(REPO_ROOT, configTs)}${
      fs.existsSync(configTs) ? '' : ' (skipped: the file does not exist yet)'
    }`,
    () => {
      it('sets only environment variables the Lambda config reads', () => {
        const read = envNamesInConfig(fs.readFileSync(configTs, 'utf8'));
        const set = [...envNamesInTerraform(environment())].filter(
          n => !n.startsWith('POWERTOOLS_'),
        );
        expect({
          file: 'lambda.tf',
          unread: set.filter(n => !read.has(n)),
        }).toEqual({ file: 'lambda.tf', unread: [] });
      });

      it('sets every environment variable the Lambda config requires', () => {
        const required = requiredEnvInConfig(fs.readFileSync(configTs, 'utf8'));
        expect(required.size).toBeGreaterThan(0);
        const set = envNamesInTerraform(environment());
        expect({
          file: 'lambda.tf',
          missing: [...required].filter(n => !set.has(n)),
        }).toEqual({ file: 'lambda.tf', missing: [] });
      });
    },
  );
});

const tablesTs = path.join(COST_LIBRARY_DIR, 'src', 'tables.ts');

(fs.existsSync(tablesTs) ? describe : describe.skip)(
  `DynamoDB tables vs ${path.relative(REPO_ROOT, tablesTs)}${
    fs.existsSync(tablesTs) ? '' : ' (skipped: the library does not exist yet)'
  }`,
  () => {
    type TableInput = {
      TableName: string;
      BillingMode: string;
      AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
      KeySchema: { AttributeName: string; KeyType: string }[];
      GlobalSecondaryIndexes?: {
        IndexName: string;
        KeySchema: { AttributeName: string; KeyType: string }[];
        Projection: { ProjectionType: string };
      }[];
    };

    const fromTerraform = (
      resourceName: string,
    ): Omit<TableInput, 'TableName'> => {
      const t = mod.blocks.find(
        b => b.type === 'aws_dynamodb_table' && b.name === resourceName,
      )!;
      return {
        BillingMode: String(t.body.billing_mode),
        AttributeDefinitions: expandBlocks(mod, t.body, 'attribute')
          .map(a => ({
            AttributeName: String(a.name),
            AttributeType: String(a.type),
          }))
          .sort((x, y) => x.AttributeName.localeCompare(y.AttributeName)),
        KeySchema: [
          { AttributeName: String(t.body.hash_key), KeyType: 'HASH' },
          { AttributeName: String(t.body.range_key), KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: expandBlocks(
          mod,
          t.body,
          'global_secondary_index',
        )
          .map(g => ({
            IndexName: String(g.name),
            KeySchema: [
              { AttributeName: String(g.hash_key), KeyType: 'HASH' },
              { AttributeName: String(g.range_key), KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: String(g.projection_type) },
          }))
          .sort((x, y) => x.IndexName.localeCompare(y.IndexName)),
      };
    };

    const fromLibrary = (input: TableInput): Omit<TableInput, 'TableName'> => ({
      BillingMode: input.BillingMode,
      AttributeDefinitions: [...input.AttributeDefinitions].sort((x, y) =>
        x.AttributeName.localeCompare(y.AttributeName),
      ),
      KeySchema: input.KeySchema,
      GlobalSecondaryIndexes: [...(input.GlobalSecondaryIndexes ?? [])].sort(
        (x, y) => x.IndexName.localeCompare(y.IndexName),
      ),
    });

    it.each([
      ['ai_costs', 'buildAiCostsTableInput'],
      ['cost_alerts', 'buildCostAlertsTableInput'],
    ])(
      'gives aws_dynamodb_table.%s (dynamodb.tf) the keys, attributes and indexes of %s',
      (resource, builder) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const library = require(tablesTs) as Record<
          string,
          (name: string) => TableInput
        >;
        const t = mod.blocks.find(
          b => b.type === 'aws_dynamodb_table' && b.name === resource,
        )!;
        const name = String(resolveStatic(mod, t.body.name));
        expect({
          file: 'dynamodb.tf',
          table: name,
          ...fromTerraform(resource),
        }).toEqual({
          file: 'dynamodb.tf',
          table: name,
          ...fromLibrary(library[builder](name)),
        });
      },
    );
  },
);
