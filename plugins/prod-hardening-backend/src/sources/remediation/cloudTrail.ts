import {
  CloudTrailClient,
  StartLoggingCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import type { RemediationAws } from '../../aws';

/** CloudTrail trails, written with the remediation role. */
export class CloudTrailRemediation {
  constructor(private readonly aws: RemediationAws) {}

  async makeMultiRegionWithValidation(name: string): Promise<void> {
    await this.aws.client(CloudTrailClient).send(
      new UpdateTrailCommand({
        Name: name,
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
      }),
    );
  }

  async startLogging(name: string): Promise<void> {
    await this.aws
      .client(CloudTrailClient)
      .send(new StartLoggingCommand({ Name: name }));
  }
}
