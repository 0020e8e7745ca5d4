import {
  CreateTableCommand,
  CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  GlobalSecondaryIndex,
  TableDescription,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { CostTableNames, DEFAULT_TABLE_NAMES, INDEXES } from './constants';

const S = 'S' as const;

function index(
  IndexName: string,
  hash: string,
  range: string,
): GlobalSecondaryIndex {
  return {
    IndexName,
    KeySchema: [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

/**
 * huntaze-ai-costs-production: the seed's pk/sk plus three indexes over ledger
 * entries. Every index ranges on `timestamp`, which only ledger entries carry, so
 * rollup items never appear in them. On demand, like the seed's table. Pure.
 */
export function buildAiCostsTableInput(
  TableName: string,
): CreateTableCommandInput {
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: S },
      { AttributeName: 'sk', AttributeType: S },
      { AttributeName: 'provider', AttributeType: S },
      { AttributeName: 'agent', AttributeType: S },
      { AttributeName: 'date', AttributeType: S },
      { AttributeName: 'timestamp', AttributeType: S },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      index(INDEXES.byProvider, 'provider', 'timestamp'),
      index(INDEXES.byAgent, 'agent', 'timestamp'),
      index(INDEXES.byDate, 'date', 'timestamp'),
    ],
  };
}

/** huntaze-cost-alerts-production: the seed's pk/sk plus alerts by type and time. Pure. */
export function buildCostAlertsTableInput(
  TableName: string,
): CreateTableCommandInput {
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: S },
      { AttributeName: 'sk', AttributeType: S },
      { AttributeName: 'alertType', AttributeType: S },
      { AttributeName: 'createdAt', AttributeType: S },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      index(INDEXES.byAlertType, 'alertType', 'createdAt'),
    ],
  };
}

export interface CreateCostTablesResult {
  /** Tables that did not exist. */
  created: string[];
  /** Tables that existed. */
  existing: string[];
  /** `table/index` for indexes added to an existing table. */
  indexesAdded: string[];
}

export interface CreateCostTablesOptions {
  /** How long to wait for a table or index to become ACTIVE (default 120 s). */
  maxWaitSeconds?: number;
  pollIntervalMs?: number;
}

/**
 * Creates both tables with the library's key schema and indexes, or adds the indexes
 * an existing table lacks (e.g. one created with pk/sk only). Idempotent. For tests,
 * the demo seed and local development; production tables come from Terraform.
 */
export async function createCostTables(
  client: DynamoDBClient,
  names: Partial<CostTableNames> = {},
  options: CreateCostTablesOptions = {},
): Promise<CreateCostTablesResult> {
  const tables = { ...DEFAULT_TABLE_NAMES, ...names };
  const result: CreateCostTablesResult = {
    created: [],
    existing: [],
    indexesAdded: [],
  };
  for (const input of [
    buildAiCostsTableInput(tables.aiCosts),
    buildCostAlertsTableInput(tables.costAlerts),
  ]) {
    const TableName = input.TableName!;
    const current = await describe(client, TableName);
    if (!current) {
      await client.send(new CreateTableCommand(input));
      await waitActive(client, TableName, options);
      result.created.push(TableName);
      continue;
    }
    result.existing.push(TableName);
    const present = new Set(
      (current.GlobalSecondaryIndexes ?? []).map(i => i.IndexName),
    );
    // UpdateTable creates one index per call.
    for (const gsi of input.GlobalSecondaryIndexes ?? []) {
      if (present.has(gsi.IndexName)) continue;
      const attributes = new Set(gsi.KeySchema!.map(k => k.AttributeName));
      await client.send(
        new UpdateTableCommand({
          TableName,
          AttributeDefinitions: input.AttributeDefinitions!.filter(a =>
            attributes.has(a.AttributeName),
          ),
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: gsi.IndexName,
                KeySchema: gsi.KeySchema,
                Projection: gsi.Projection,
              },
            },
          ],
        }),
      );
      await waitActive(client, TableName, options);
      result.indexesAdded.push(`${TableName}/${gsi.IndexName}`);
    }
  }
  return result;
}

async function describe(
  client: DynamoDBClient,
  TableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName }))).Table;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') {
      return undefined;
    }
    throw err;
  }
}

/** Waits until the table and all its indexes are ACTIVE (instant on the emulator). */
async function waitActive(
  client: DynamoDBClient,
  TableName: string,
  { maxWaitSeconds = 120, pollIntervalMs = 1_000 }: CreateCostTablesOptions,
): Promise<void> {
  const deadline = Date.now() + maxWaitSeconds * 1000;
  for (;;) {
    const table = await describe(client, TableName);
    const active =
      table?.TableStatus === 'ACTIVE' &&
      (table.GlobalSecondaryIndexes ?? []).every(
        i => i.IndexStatus === undefined || i.IndexStatus === 'ACTIVE',
      );
    if (active) return;
    if (Date.now() > deadline) {
      throw new Error(
        `table ${TableName} not ACTIVE after ${maxWaitSeconds} s (status ${table?.TableStatus})`,
      );
    }
    await new Promise(r => setTimeout(r, pollIntervalMs));
  }
}
