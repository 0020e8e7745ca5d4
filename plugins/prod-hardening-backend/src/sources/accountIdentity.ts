import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsClientFactory } from '../aws';

export interface CallerIdentity {
  account: string;
  arn: string;
}

/** Who the portal is in AWS: proves the endpoint answers and the credentials work. */
export class AccountIdentitySource {
  constructor(private readonly aws: AwsClientFactory) {}

  async whoAmI(abortSignal?: AbortSignal): Promise<CallerIdentity> {
    const out = await this.aws
      .client(STSClient)
      .send(new GetCallerIdentityCommand({}), { abortSignal });
    return { account: out.Account ?? '', arn: out.Arn ?? '' };
  }
}
