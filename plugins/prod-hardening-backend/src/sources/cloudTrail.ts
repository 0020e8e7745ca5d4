import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import type { AwsClientFactory } from '../aws';

export interface TrailState {
  name: string;
  arn: string;
  isMultiRegion: boolean;
  logFileValidation: boolean;
  cloudWatchLogsGroupArn?: string;
  isLogging: boolean;
  homeRegion?: string;
}

/** Trails visible from the configured region, with their logging status. */
export class CloudTrailSource {
  constructor(private readonly aws: AwsClientFactory) {}

  async describeTrails(): Promise<TrailState[]> {
    const client = this.aws.client(CloudTrailClient);
    const out = await client.send(
      new DescribeTrailsCommand({ includeShadowTrails: true }),
    );
    return Promise.all(
      (out.trailList ?? []).map(async trail => {
        const status = await client.send(
          new GetTrailStatusCommand({ Name: trail.TrailARN ?? trail.Name }),
        );
        return {
          name: trail.Name ?? '',
          arn: trail.TrailARN ?? '',
          isMultiRegion: trail.IsMultiRegionTrail ?? false,
          logFileValidation: trail.LogFileValidationEnabled ?? false,
          cloudWatchLogsGroupArn: trail.CloudWatchLogsLogGroupArn,
          isLogging: status.IsLogging ?? false,
          homeRegion: trail.HomeRegion,
        };
      }),
    );
  }
}
