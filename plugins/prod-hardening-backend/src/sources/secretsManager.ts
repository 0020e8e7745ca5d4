import {
  DescribeSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { AwsClientFactory } from '../aws';
import type { SecretRotationFacts } from '../checks/secretsRotation/evaluate';

/** What the rotation check reads of one secret. */
export type SecretRotationState = SecretRotationFacts['secrets'][number];

/** Secrets Manager: rotation settings of named secrets (never their values). */
export class SecretsManagerSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeRotation(name: string): Promise<SecretRotationState> {
    try {
      const out = await this.aws
        .client(SecretsManagerClient)
        .send(new DescribeSecretCommand({ SecretId: name }));
      return {
        name,
        arn: out.ARN,
        // A secret scheduled for deletion is as good as gone.
        found: !out.DeletedDate,
        rotationEnabled: out.RotationEnabled === true,
        automaticallyAfterDays: out.RotationRules?.AutomaticallyAfterDays,
        scheduleExpression: out.RotationRules?.ScheduleExpression,
        lastRotatedAt: out.LastRotatedDate?.toISOString(),
        createdAt: out.CreatedDate?.toISOString(),
      };
    } catch (err) {
      if ((err as Error).name === 'ResourceNotFoundException') {
        return { name, found: false, rotationEnabled: false };
      }
      throw err;
    }
  }
}
