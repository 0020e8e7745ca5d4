import { SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { RemediationAws } from '../../aws';

/** SQS queue attributes, written with the remediation role. */
export class SqsRemediation {
  constructor(private readonly aws: RemediationAws) {}

  async enableManagedSse(queueUrl: string): Promise<void> {
    await this.aws.client(SQSClient).send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: { SqsManagedSseEnabled: 'true' },
      }),
    );
  }
}
