import {
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import type { AwsClientFactory } from '../aws';

export interface DetectorStatus {
  detectorId: string;
  status: string;
}

/** GuardDuty detectors of the region. */
export class GuardDutySource {
  constructor(private readonly aws: AwsClientFactory) {}

  async listDetectors(): Promise<DetectorStatus[]> {
    const client = this.aws.client(GuardDutyClient);
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListDetectorsCommand({ NextToken: nextToken }),
      );
      ids.push(...(page.DetectorIds ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return Promise.all(
      ids.map(async detectorId => {
        const detector = await client.send(
          new GetDetectorCommand({ DetectorId: detectorId }),
        );
        return { detectorId, status: detector.Status ?? 'UNKNOWN' };
      }),
    );
  }
}
