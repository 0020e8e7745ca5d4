import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

/**
 * The names of the account's resources, as in the `prodHardening.resources` block of
 * app-config.yaml. The seed reads them from there so the portal and the demo data can
 * never disagree about what a queue or table is called.
 */
export interface ResourceNames {
  tables: { aiCosts: string; costAlerts: string };
  queues: {
    workflows: string;
    workflowsDlq: string;
    rateLimiter: string;
    rateLimiterDlq: string;
  };
  topics: { costAlerts: string; securityAlerts: string; opsAlerts: string };
  budgetName: string;
  monthlyBudgetUsd: number;
  ecsClusters: string[];
  redisReplicationGroupId: string;
  rdsParameterGroupName: string;
  rdsInstanceId: string;
  cloudTrailName: string;
  ecsServices: Array<{ cluster: string; service: string }>;
  rateLimiterFunctionName: string;
  rateLimiterAlias: string;
  intelligentTieringBuckets: string[];
  costAnomalyMonitorName: string;
  secrets: string[];
  /** The application VPC's Name tag (the seed creates it by that name). */
  appVpc: string;
}

const CONFIG_PATH = 'prodHardening.resources';

/** Reads and validates the resource names from an app-config YAML file. */
export async function loadResourceNames(
  appConfigPath: string,
): Promise<ResourceNames> {
  const doc = parse(await readFile(appConfigPath, 'utf8')) as unknown;
  const resources = (doc as any)?.prodHardening?.resources;
  if (resources === undefined) {
    throw new Error(`${appConfigPath} has no ${CONFIG_PATH} block`);
  }
  return parseResourceNames(resources, `${appConfigPath}: ${CONFIG_PATH}`);
}

/**
 * Validates an already-parsed `resources` block. Errors name the exact key, because a
 * typo in app-config.yaml otherwise surfaces much later as a confusing AWS error.
 */
export function parseResourceNames(
  value: unknown,
  where = CONFIG_PATH,
): ResourceNames {
  const obj = record(value, where);
  const tables = record(obj.tables, `${where}.tables`);
  const queues = record(obj.queues, `${where}.queues`);
  const topics = record(obj.topics, `${where}.topics`);
  const clusters = nonEmptyList(obj.ecsClusters, `${where}.ecsClusters`);
  const services = nonEmptyList(obj.ecsServices, `${where}.ecsServices`);
  const secrets = nonEmptyList(obj.secrets, `${where}.secrets`);
  return {
    tables: {
      aiCosts: text(tables.aiCosts, `${where}.tables.aiCosts`),
      costAlerts: text(tables.costAlerts, `${where}.tables.costAlerts`),
    },
    queues: {
      workflows: text(queues.workflows, `${where}.queues.workflows`),
      workflowsDlq: text(queues.workflowsDlq, `${where}.queues.workflowsDlq`),
      rateLimiter: text(queues.rateLimiter, `${where}.queues.rateLimiter`),
      rateLimiterDlq: text(
        queues.rateLimiterDlq,
        `${where}.queues.rateLimiterDlq`,
      ),
    },
    topics: {
      costAlerts: text(topics.costAlerts, `${where}.topics.costAlerts`),
      securityAlerts: text(
        topics.securityAlerts,
        `${where}.topics.securityAlerts`,
      ),
      opsAlerts: text(topics.opsAlerts, `${where}.topics.opsAlerts`),
    },
    budgetName: text(obj.budgetName, `${where}.budgetName`),
    monthlyBudgetUsd: positiveNumber(
      obj.monthlyBudgetUsd,
      `${where}.monthlyBudgetUsd`,
    ),
    ecsClusters: clusters.map((c, i) => text(c, `${where}.ecsClusters[${i}]`)),
    redisReplicationGroupId: text(
      obj.redisReplicationGroupId,
      `${where}.redisReplicationGroupId`,
    ),
    rdsParameterGroupName: text(
      obj.rdsParameterGroupName,
      `${where}.rdsParameterGroupName`,
    ),
    rdsInstanceId: text(obj.rdsInstanceId, `${where}.rdsInstanceId`),
    cloudTrailName: text(obj.cloudTrailName, `${where}.cloudTrailName`),
    ecsServices: services.map((s, i) => {
      const service = record(s, `${where}.ecsServices[${i}]`);
      return {
        cluster: text(service.cluster, `${where}.ecsServices[${i}].cluster`),
        service: text(service.service, `${where}.ecsServices[${i}].service`),
      };
    }),
    rateLimiterFunctionName: text(
      obj.rateLimiterFunctionName,
      `${where}.rateLimiterFunctionName`,
    ),
    rateLimiterAlias: text(obj.rateLimiterAlias, `${where}.rateLimiterAlias`),
    intelligentTieringBuckets: nonEmptyList(
      obj.intelligentTieringBuckets,
      `${where}.intelligentTieringBuckets`,
    ).map((b, i) => text(b, `${where}.intelligentTieringBuckets[${i}]`)),
    costAnomalyMonitorName: text(
      obj.costAnomalyMonitorName,
      `${where}.costAnomalyMonitorName`,
    ),
    secrets: secrets.map((s, i) => text(s, `${where}.secrets[${i}]`)),
    appVpc: text(obj.appVpc, `${where}.appVpc`),
  };
}

function nonEmptyList(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(`${where} must be a non-empty list`);
  }
  return value;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be a mapping`);
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${where} must be a non-empty string`);
  }
  return value;
}

function positiveNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${where} must be a positive number`);
  }
  return value;
}
