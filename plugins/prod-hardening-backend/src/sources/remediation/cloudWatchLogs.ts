import {
  CloudWatchLogsClient,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { RemediationAws } from '../../aws';

/** Log group retention, written with the remediation role. */
export class CloudWatchLogsRemediation {
  constructor(private readonly aws: RemediationAws) {}

  async setRetention(
    logGroupName: string,
    retentionInDays: number,
  ): Promise<void> {
    await this.aws
      .client(CloudWatchLogsClient)
      .send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays }));
  }
}
