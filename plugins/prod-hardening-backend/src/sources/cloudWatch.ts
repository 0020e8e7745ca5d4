import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import type { AwsClientFactory } from '../aws';

/** How far back to look: SQS publishes queue metrics every minute, a few minutes late. */
const LOOKBACK_MS = 15 * 60_000;

/** CloudWatch metrics the portal reads. */
export class CloudWatchSource {
  constructor(private readonly aws: AwsClientFactory) {}

  /**
   * The latest `AWS/SQS ApproximateAgeOfOldestMessage` (Maximum, 1-minute periods) of
   * a queue in the last 15 minutes, in seconds; undefined when CloudWatch has no
   * datapoint (an endpoint without SQS metrics, or a queue idle for hours).
   */
  async sqsAgeOfOldestMessageSeconds(
    queueName: string,
    nowMs: number,
  ): Promise<number | undefined> {
    const out = await this.aws.client(CloudWatchClient).send(
      new GetMetricDataCommand({
        StartTime: new Date(nowMs - LOOKBACK_MS),
        EndTime: new Date(nowMs),
        ScanBy: 'TimestampDescending',
        MetricDataQueries: [
          {
            Id: 'age',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SQS',
                MetricName: 'ApproximateAgeOfOldestMessage',
                Dimensions: [{ Name: 'QueueName', Value: queueName }],
              },
              Period: 60,
              Stat: 'Maximum',
            },
          },
        ],
      }),
    );
    const series = out.MetricDataResults?.[0];
    const values = series?.Values ?? [];
    if (!values.length) return undefined;
    // TimestampDescending: the first value is the newest.
    return values[0];
  }
}
