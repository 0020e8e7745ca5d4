import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClientFactory } from '../aws';

export interface LogGroupRetention {
  name: string;
  arn: string;
  /** undefined = never expire. */
  retentionDays?: number;
  /** What the group stores now (AWS updates it with a delay): what retention bills on. */
  storedBytes?: number;
  createdAtMs?: number;
}

/** CloudWatch Logs groups of the region with their retention. */
export class CloudWatchLogsSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeLogGroups(): Promise<LogGroupRetention[]> {
    const client = this.aws.client(CloudWatchLogsClient);
    const groups: LogGroupRetention[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeLogGroupsCommand({ nextToken }),
      );
      for (const g of page.logGroups ?? []) {
        groups.push({
          name: g.logGroupName ?? '',
          arn: g.arn ?? g.logGroupName ?? '',
          retentionDays: g.retentionInDays,
          storedBytes: g.storedBytes,
          createdAtMs: g.creationTime,
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return groups;
  }
}
