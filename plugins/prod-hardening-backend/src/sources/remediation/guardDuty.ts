import {
  CreateDetectorCommand,
  GuardDutyClient,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import type { RemediationAws } from '../../aws';

/** GuardDuty detectors, written with the remediation role. */
export class GuardDutyRemediation {
  constructor(private readonly aws: RemediationAws) {}

  async createDetector(findingPublishingFrequency: string): Promise<string> {
    const out = await this.aws.client(GuardDutyClient).send(
      new CreateDetectorCommand({
        Enable: true,
        FindingPublishingFrequency: findingPublishingFrequency as any,
      }),
    );
    return out.DetectorId ?? '';
  }

  async enableDetector(detectorId: string): Promise<void> {
    await this.aws
      .client(GuardDutyClient)
      .send(
        new UpdateDetectorCommand({ DetectorId: detectorId, Enable: true }),
      );
  }
}
