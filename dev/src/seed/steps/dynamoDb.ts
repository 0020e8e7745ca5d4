import {
  CreateTableCommand,
  CreateTableCommandInput,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { isAwsError } from '../awsErrors';
import { emptyReport, SeedContext, SeedStep } from '../context';

/** The item attribute the hardening plan will use for TTL (not enabled in the story). */
export const TTL_ATTRIBUTE = 'ttl';

/** Both cost tables share the design's pk/sk string keys and on-demand billing. Pure. */
export function buildCostTableInput(
  tableName: string,
): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

async function tableExists(
  ctx: SeedContext,
  TableName: string,
): Promise<boolean> {
  try {
    await ctx.clients.dynamoDb.send(new DescribeTableCommand({ TableName }));
    return true;
  } catch (err) {
    if (isAwsError(err, 'ResourceNotFoundException')) return false;
    throw err;
  }
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
    for (const tableName of Object.values(ctx.resources.tables)) {
      if (await tableExists(ctx, tableName)) {
        report.existing.push(`table ${tableName}`);
      } else {
        await ctx.clients.dynamoDb.send(
          new CreateTableCommand(buildCostTableInput(tableName)),
        );
        // A real table takes seconds to become ACTIVE; the emulator's is at once.
        await waitUntilTableExists(
          { client: ctx.clients.dynamoDb, maxWaitTime: 60, minDelay: 1 },
          { TableName: tableName },
        );
        report.created.push(`table ${tableName}`);
      }
      await restoreStorySettings(ctx, tableName);
    }
    return report;
  },
};
