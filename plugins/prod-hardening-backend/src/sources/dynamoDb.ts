import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientFactory } from '../aws';

export interface TableProtection {
  name: string;
  found: boolean;
  pointInTimeRecovery: boolean;
  ttlStatus?: string;
  ttlAttribute?: string;
}

/** DynamoDB table backup and TTL settings. */
export class DynamoDbSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async getProtection(name: string): Promise<TableProtection> {
    const client = this.aws.client(DynamoDBClient);
    try {
      const [backups, ttl] = await Promise.all([
        client.send(new DescribeContinuousBackupsCommand({ TableName: name })),
        client.send(new DescribeTimeToLiveCommand({ TableName: name })),
      ]);
      return {
        name,
        found: true,
        pointInTimeRecovery:
          backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription
            ?.PointInTimeRecoveryStatus === 'ENABLED',
        ttlStatus: ttl.TimeToLiveDescription?.TimeToLiveStatus,
        ttlAttribute: ttl.TimeToLiveDescription?.AttributeName,
      };
    } catch (err) {
      if (
        (err as Error).name === 'ResourceNotFoundException' ||
        (err as Error).name === 'TableNotFoundException'
      ) {
        return { name, found: false, pointInTimeRecovery: false };
      }
      throw err;
    }
  }

  /**
   * The table's size in bytes (TableSizeBytes, refreshed by AWS about every six
   * hours): what point-in-time recovery is billed on.
   */
  async tableSizeBytes(name: string): Promise<number> {
    const out = await this.aws
      .client(DynamoDBClient)
      .send(new DescribeTableCommand({ TableName: name }));
    return out.Table?.TableSizeBytes ?? 0;
  }
}
