import {
  PutPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import type { RemediationAws } from '../../aws';
import type { AccountPublicAccessBlock } from '../s3Control';

/** Account-level S3 Block Public Access, written with the remediation role. */
export class S3ControlRemediation {
  constructor(private readonly aws: RemediationAws) {}

  async putAccountPublicAccessBlock(
    config: AccountPublicAccessBlock,
  ): Promise<void> {
    await this.aws.client(S3ControlClient, { accountIdInHost: true }).send(
      new PutPublicAccessBlockCommand({
        AccountId: this.aws.accountId,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: config.blockPublicAcls,
          IgnorePublicAcls: config.ignorePublicAcls,
          BlockPublicPolicy: config.blockPublicPolicy,
          RestrictPublicBuckets: config.restrictPublicBuckets,
        },
      }),
    );
  }
}
