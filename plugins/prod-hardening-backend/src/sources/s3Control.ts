import {
  GetPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import type { AwsClientFactory } from '../aws';

export interface AccountPublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/** Account-level S3 Block Public Access. */
export class S3ControlSource {
  constructor(private readonly aws: AwsClientFactory) {}

  /** null when the account has no Block Public Access configuration at all. */
  async getAccountPublicAccessBlock(): Promise<AccountPublicAccessBlock | null> {
    try {
      const out = await this.aws
        .client(S3ControlClient, { accountIdInHost: true })
        .send(
          new GetPublicAccessBlockCommand({ AccountId: this.aws.accountId }),
        );
      const c = out.PublicAccessBlockConfiguration ?? {};
      return {
        blockPublicAcls: c.BlockPublicAcls ?? false,
        ignorePublicAcls: c.IgnorePublicAcls ?? false,
        blockPublicPolicy: c.BlockPublicPolicy ?? false,
        restrictPublicBuckets: c.RestrictPublicBuckets ?? false,
      };
    } catch (err) {
      if ((err as Error).name === 'NoSuchPublicAccessBlockConfiguration')
        return null;
      throw err;
    }
  }
}
