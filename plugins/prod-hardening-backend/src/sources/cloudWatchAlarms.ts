import {
  CloudWatchClient,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import type { AwsClientFactory } from '../aws';

export interface AlarmState {
  name: string;
  threshold?: number;
  comparison?: string;
  actions: string[];
}

/** DescribeAlarms takes at most 100 names per request. */
const NAMES_PER_REQUEST = 100;

/** CloudWatch metric alarms by name. */
export class CloudWatchAlarmsSource {
  constructor(private readonly aws: AwsClientFactory) {}

  /** The alarms that exist among `names`; missing names are simply absent. */
  async describeAlarms(names: string[]): Promise<AlarmState[]> {
    const client = this.aws.client(CloudWatchClient);
    const found: AlarmState[] = [];
    for (let i = 0; i < names.length; i += NAMES_PER_REQUEST) {
      const AlarmNames = names.slice(i, i + NAMES_PER_REQUEST);
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeAlarmsCommand({
            AlarmNames,
            AlarmTypes: ['MetricAlarm'],
            NextToken,
          }),
        );
        for (const a of page.MetricAlarms ?? []) {
          found.push({
            name: a.AlarmName ?? '',
            threshold: a.Threshold,
            comparison: a.ComparisonOperator,
            actions: a.AlarmActions ?? [],
          });
        }
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return found;
  }
}
