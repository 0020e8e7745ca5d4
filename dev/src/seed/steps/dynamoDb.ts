import {
  CreateTableCommandInput,
  DescribeContinuousBackupsCommand,
  DescribeTimeToLiveCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  buildAiCostsTableInput,
  buildCostAlertsTableInput,
  createCostTables,
} from '@prod-hardening/cost-monitoring';
import { emptyReport, SeedContext, SeedStep } from '../context';

/** The item attribute the hardening plan will use for TTL (not enabled in the story). */
export const TTL_ATTRIBUTE = 'ttl';

/**
 * The cost tables as the cost-monitoring library defines them: the design's pk/sk
 * string keys, on-demand billing, and the library's indexes (by provider, agent and
 * date for the ledger; by alert type for alerts). Pure.
 */
export function buildCostTableInput(
  tableName: string,
  kind: 'aiCosts' | 'costAlerts' = 'aiCosts',
): CreateTableCommandInput {
  return kind === 'aiCosts'
    ? buildAiCostsTableInput(tableName)
    : buildCostAlertsTableInput(tableName);
}

/**
 * Puts a table back to "before hardening": PITR off and TTL off. Only acts when a
 * setting is on, because AWS rejects disabling TTL that is not enabled.
 */
async function restoreStorySettings(
  ctx: SeedContext,
  TableName: string,
): Promise<void> {
  const { dynamoDb } = ctx.clients;
  const backups = await dynamoDb.send(
    new DescribeContinuousBackupsCommand({ TableName }),
  );
  const pitr =
    backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
      ?.PointInTimeRecoveryStatus;
  if (pitr === 'ENABLED') {
    await dynamoDb.send(
      new UpdateContinuousBackupsCommand({
        TableName,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      }),
    );
  }
  const ttl = await dynamoDb.send(new DescribeTimeToLiveCommand({ TableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') {
    await dynamoDb.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: {
          Enabled: false,
          AttributeName:
            ttl.TimeToLiveDescription?.AttributeName ?? TTL_ATTRIBUTE,
        },
      }),
    );
  }
}

export const dynamoDbStep: SeedStep = {
  name: 'dynamodb',
  async run(ctx) {
    const report = emptyReport('dynamodb');
    const { tables } = ctx.resources;
    // Creates what is missing, including the indexes a table from an older seed
    // (pk/sk only) lacks; a real table takes seconds to become ACTIVE, the emulator's
    // is at once.
    const result = await createCostTables(ctx.clients.dynamoDb, tables, {
      maxWaitSeconds: 60,
      pollIntervalMs: 200,
    });
    report.created.push(...result.created.map(t => `table ${t}`));
    report.created.push(...result.indexesAdded.map(i => `index ${i}`));
    report.existing.push(...result.existing.map(t => `table ${t}`));
    for (const tableName of Object.values(tables)) {
      await restoreStorySettings(ctx, tableName);
    }
    return report;
  },
};
