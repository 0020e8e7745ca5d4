import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { expandBlocks, forEachInstances } from '../blocks';
import { resolveStatic } from '../expressions';
import { resources, TfModule, variableDefault } from '../module';
import { Violation } from '../violations';
import { secretNames, SEED_SECRETS } from './secrets';

/** `prodHardening.resources` of app-config.yaml. */
export interface PortalResources {
  tables: Record<string, string>;
  queues: Record<string, string>;
  topics: Record<string, string>;
  budgetName: string;
  monthlyBudgetUsd: number;
  ecsClusters: string[];
  redisReplicationGroupId: string;
  rdsParameterGroupName: string;
  cloudTrailName: string;
}

/**
 * Names of the ECS services, Intelligent-Tiering buckets, anomaly monitor, rate-limiter
 * function and alias, and secrets, which the portal reads. The backend's config schema
 * may not declare every one yet (strict config validation rejects unknown keys), so
 * app-config.yaml may lack some; each is compared once it is there.
 */
export interface ProposedPortalResources {
  ecsServices?: Array<{ cluster: string; service: string }>;
  intelligentTieringBuckets?: string[];
  costAnomalyMonitorName?: string;
  rateLimiterFunctionName?: string;
  rateLimiterAlias?: string;
  /** The seed's secrets (names): messaging API token, Redis AUTH token, database password. */
  secrets?: string[];
}

export function readPortalResources(
  appConfigPath: string,
): PortalResources & ProposedPortalResources {
  const config = YAML.parse(fs.readFileSync(appConfigPath, 'utf8'));
  const res = config?.prodHardening?.resources;
  if (!res) throw new Error(`${appConfigPath} has no prodHardening.resources`);
  return res as PortalResources & ProposedPortalResources;
}

/** Resolved value of one attribute of every resource of a type, with the file it is in. */
function namesOf(mod: TfModule, type: string, attribute: string) {
  return resources(mod, type).map(r => ({
    address: `${type}.${r.name}`,
    file: r.file,
    name: resolveStatic(mod, r.body[attribute]),
  }));
}

interface NameRule {
  configKey: string;
  type: string;
  attribute: string;
  file: string;
  expected: string[];
  /** Every module resource of the type must be in the config (the portal watches all). */
  exhaustive: boolean;
}

/** The module's names equal app-config.yaml's, both ways where the portal lists a kind. */
export function checkNamesAgainstAppConfig(
  mod: TfModule,
  res: PortalResources,
): Violation[] {
  const rules: NameRule[] = [
    {
      configKey: 'tables',
      type: 'aws_dynamodb_table',
      attribute: 'name',
      file: 'dynamodb.tf',
      expected: Object.values(res.tables),
      exhaustive: true,
    },
    {
      configKey: 'queues',
      type: 'aws_sqs_queue',
      attribute: 'name',
      file: 'sqs.tf',
      expected: Object.values(res.queues),
      exhaustive: true,
    },
    {
      configKey: 'topics',
      type: 'aws_sns_topic',
      attribute: 'name',
      file: 'sns.tf',
      expected: Object.values(res.topics),
      exhaustive: true,
    },
    {
      configKey: 'budgetName',
      type: 'aws_budgets_budget',
      attribute: 'name',
      file: 'budgets.tf',
      expected: [res.budgetName],
      exhaustive: true,
    },
    {
      configKey: 'redisReplicationGroupId',
      type: 'aws_elasticache_replication_group',
      attribute: 'replication_group_id',
      file: 'elasticache.tf',
      expected: [res.redisReplicationGroupId],
      exhaustive: true,
    },
    {
      configKey: 'rdsParameterGroupName',
      type: 'aws_db_parameter_group',
      attribute: 'name',
      file: 'rds.tf',
      expected: [res.rdsParameterGroupName],
      exhaustive: true,
    },
    {
      configKey: 'cloudTrailName',
      type: 'aws_cloudtrail',
      attribute: 'name',
      file: 'cloudtrail.tf',
      expected: [res.cloudTrailName],
      exhaustive: true,
    },
  ];
  const found: Violation[] = [];
  for (const rule of rules) {
    const actual = namesOf(mod, rule.type, rule.attribute);
    for (const name of rule.expected) {
      if (!actual.some(a => a.name === name)) {
        found.push({
          file: actual[0]?.file ?? rule.file,
          message: `no ${
            rule.type
          } named "${name}" (app-config.yaml prodHardening.resources.${
            rule.configKey
          }); the module has ${JSON.stringify(
            actual.map(a => a.name ?? `<dynamic ${a.address}>`),
          )}`,
        });
      }
    }
    if (rule.exhaustive) {
      for (const a of actual.filter(
        x => !rule.expected.includes(String(x.name)),
      )) {
        found.push({
          file: a.file,
          message: `${a.address} is named ${JSON.stringify(
            a.name ?? '<dynamic>',
          )}, which app-config.yaml prodHardening.resources.${
            rule.configKey
          } does not list`,
        });
      }
    }
  }

  const clusters = variableDefault(mod, 'ecs_cluster_names');
  if (JSON.stringify(clusters) !== JSON.stringify(res.ecsClusters)) {
    found.push({
      file: 'variables.tf',
      message: `variable "ecs_cluster_names" defaults to ${JSON.stringify(
        clusters,
      )}, app-config.yaml ecsClusters is ${JSON.stringify(res.ecsClusters)}`,
    });
  }
  for (const c of resources(mod, 'aws_ecs_cluster')) {
    if (
      !String(c.body.for_each).includes('var.ecs_cluster_names') ||
      c.body.name !== '${each.value}'
    ) {
      found.push({
        file: c.file,
        message: `aws_ecs_cluster.${c.name} is not one per var.ecs_cluster_names`,
      });
    }
  }
  return found;
}

/** Key paths (under prodHardening.resources) of ProposedPortalResources. */
export const PROPOSED_KEYS = [
  'ecsServices',
  'intelligentTieringBuckets',
  'costAnomalyMonitorName',
  'rateLimiterFunctionName',
  'rateLimiterAlias',
  'secrets',
];

const configuredAt = (res: ProposedPortalResources, key: string): unknown =>
  (res as Record<string, unknown>)[key];

/** The proposed keys app-config.yaml does not have yet. */
export function absentProposedKeys(res: ProposedPortalResources): string[] {
  return PROPOSED_KEYS.filter(key => configuredAt(res, key) === undefined);
}

const sortedJson = (value: unknown) =>
  JSON.stringify(
    Array.isArray(value)
      ? [...value].map(v => JSON.stringify(v)).sort()
      : value,
  );

function resolvedNames(mod: TfModule, type: string, attribute: string) {
  return resources(mod, type).map(r => resolveStatic(mod, r.body[attribute]));
}

/** What the module names for each proposed key, and the file that names it. */
export function proposedNamesInModule(
  mod: TfModule,
): Record<string, { file: string; value: unknown }> {
  const services = variableDefault(mod, 'ecs_services');
  const buckets = resources(mod, 'aws_s3_bucket_lifecycle_configuration')
    .map(l => forEachInstances(mod, l))
    .find(instances => instances !== undefined)
    ?.map(i => i.body.bucket);
  const secrets = secretNames(mod);
  return {
    ecsServices: {
      file: 'variables.tf',
      value: Array.isArray(services)
        ? services.map(s => ({
            cluster: (s as Record<string, unknown>).cluster_name,
            service: (s as Record<string, unknown>).service_name,
          }))
        : services,
    },
    intelligentTieringBuckets: {
      file: 's3_intelligent_tiering.tf',
      value: buckets,
    },
    costAnomalyMonitorName: {
      file: 'cost_anomaly.tf',
      value: resolvedNames(mod, 'aws_ce_anomaly_monitor', 'name')[0],
    },
    rateLimiterFunctionName: {
      file: 'lambda.tf',
      value: resolvedNames(mod, 'aws_lambda_function', 'function_name')[0],
    },
    rateLimiterAlias: {
      file: 'lambda.tf',
      value: resolvedNames(mod, 'aws_lambda_alias', 'name')[0],
    },
    secrets: {
      file: 'secrets.tf',
      value: Object.values(SEED_SECRETS).map(
        local =>
          secrets.find(
            s => s.name === resolveStatic(mod, `\${local.names.${local}}`),
          )?.name,
      ),
    },
  };
}

/**
 * The names the portal will read for the Week 2 resources and the secrets, compared with
 * app-config.yaml wherever it has the key (absentProposedKeys lists the others).
 */
export function checkProposedNamesAgainstAppConfig(
  mod: TfModule,
  res: ProposedPortalResources,
): Violation[] {
  const inModule = proposedNamesInModule(mod);
  const violations: Violation[] = [];
  for (const key of PROPOSED_KEYS) {
    const configured = configuredAt(res, key);
    const actual = inModule[key];
    if (
      configured !== undefined &&
      sortedJson(configured) !== sortedJson(actual.value)
    ) {
      violations.push({
        file: actual.file,
        message: `the module names ${JSON.stringify(
          actual.value ?? '<nothing>',
        )}, app-config.yaml prodHardening.resources.${key} is ${JSON.stringify(
          configured,
        )}`,
      });
    }
  }
  return violations;
}

/** Every name the module gives a table, queue, topic, index, ... (statically resolved). */
export function moduleNames(mod: TfModule): Set<string> {
  const names = new Set<string>();
  const raw = mod.locals.get('names')?.value;
  if (raw && typeof raw === 'object') {
    for (const entry of Object.values(raw)) {
      const name = resolveStatic(mod, entry);
      if (typeof name === 'string') names.add(name);
    }
  }
  for (const t of resources(mod, 'aws_dynamodb_table')) {
    for (const gsi of expandBlocks(mod, t.body, 'global_secondary_index'))
      names.add(String(gsi.name));
  }
  return names;
}

/** GSI names of the module's tables. */
export function indexNames(mod: TfModule): Set<string> {
  return new Set(
    resources(mod, 'aws_dynamodb_table').flatMap(t =>
      expandBlocks(mod, t.body, 'global_secondary_index').map(g =>
        String(g.name),
      ),
    ),
  );
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory())
      return e.name === 'node_modules' || e.name.startsWith('__')
        ? []
        : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.(test|spec)\.tsx?$/.test(e.name)
      ? [full]
      : [];
  });
}

/**
 * Resource names hard-coded in other packages' sources (`huntaze-...` literals and
 * DynamoDB `IndexName`s) must be names this module creates.
 */
export function checkNamesInSources(
  mod: TfModule,
  packageDirs: string[],
  repoRoot: string,
  prefix: string,
): Violation[] {
  const known = moduleNames(mod);
  const indexes = indexNames(mod);
  const found: Violation[] = [];
  const literal = new RegExp(
    `['"\`](${prefix}-[a-z0-9-]+(?:\\.fifo)?)['"\`]`,
    'g',
  );
  const indexName = /IndexName\s*[:=]\s*['"`]([^'"`]+)['"`]/g;
  for (const dir of packageDirs) {
    for (const file of sourceFiles(path.join(dir, 'src'))) {
      const source = fs.readFileSync(file, 'utf8');
      const rel = path.relative(repoRoot, file);
      for (const [, name] of source.matchAll(literal)) {
        if (!known.has(name)) {
          found.push({
            file: 'main.tf',
            message: `${rel} uses "${name}", which local.names does not define`,
          });
        }
      }
      for (const [, name] of source.matchAll(indexName)) {
        if (!indexes.has(name)) {
          found.push({
            file: 'dynamodb.tf',
            message: `${rel} queries index "${name}", which no table of the module has`,
          });
        }
      }
    }
  }
  return found;
}

/** ALL_CAPS names in the Lambda's config source: the environment variables it reads. */
export function envNamesInConfig(source: string): Set<string> {
  return new Set(
    [...source.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g)].map(m => m[1]),
  );
}

/** Keys (ALL_CAPS) the module sets in a Lambda environment expression. */
export function envNamesInTerraform(expression: string): Set<string> {
  return new Set(
    [...expression.matchAll(/\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\s*=/g)].map(
      m => m[1],
    ),
  );
}

/**
 * Environment variables the Lambda config requires: zod entries with neither a default
 * nor `optional`. Entries built by helpers that supply defaults (`positiveInt(3)`) count
 * as optional.
 */
export function requiredEnvInConfig(source: string): Set<string> {
  const required = new Set<string>();
  for (const [, name, rest] of source.matchAll(
    /^\s*([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+):\s*(.+)$/gm,
  )) {
    if (/^z\./.test(rest) && !/default\(|optional/.test(rest))
      required.add(name);
  }
  return required;
}
