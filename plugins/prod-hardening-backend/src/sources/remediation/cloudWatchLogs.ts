import {
  CloudWatchLogsClient,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClientFactory } from '../../aws';

/** Log group retention, written with the remediation role. */
export class CloudWatchLogsRemediation {
  constructor(private readonly aws: AwsClientFactory) {}

  async setRetention(
    logGroupName: string,
    retentionInDays: number,
  ): Promise<void> {
    await this.aws
      .client(CloudWatchLogsClient, { access: 'remediate' })
      .send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays }));
  }
}
