import { SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientFactory } from '../../aws';

/** SQS queue attributes, written with the remediation role. */
export class SqsRemediation {
  constructor(private readonly aws: AwsClientFactory) {}

  async enableManagedSse(queueUrl: string): Promise<void> {
    await this.aws.client(SQSClient, { access: 'remediate' }).send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: { SqsManagedSseEnabled: 'true' },
      }),
    );
  }
}
