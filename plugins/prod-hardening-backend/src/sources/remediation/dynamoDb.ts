import {
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import type { RemediationAws } from '../../aws';

/** DynamoDB table protection, written with the remediation role. */
export class DynamoDbRemediation {
  constructor(private readonly aws: RemediationAws) {}

  async enablePointInTimeRecovery(table: string): Promise<void> {
    await this.aws.client(DynamoDBClient).send(
      new UpdateContinuousBackupsCommand({
        TableName: table,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
  }
}
