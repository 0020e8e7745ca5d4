import {
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientFactory } from '../../aws';

/** DynamoDB table protection, written with the remediation role. */
export class DynamoDbRemediation {
  constructor(private readonly aws: AwsClientFactory) {}

  async enablePointInTimeRecovery(table: string): Promise<void> {
    await this.aws.client(DynamoDBClient, { access: 'remediate' }).send(
      new UpdateContinuousBackupsCommand({
        TableName: table,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
  }
}
