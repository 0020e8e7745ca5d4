import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { partitionOf, type AwsClientFactory } from '../aws';

export interface TopicEncryptionState {
  name: string;
  arn: string;
  found: boolean;
  kmsMasterKeyId?: string;
}

/** SNS topics of the account by name. */
export class SnsSource {
  constructor(private readonly aws: AwsClientFactory) {}

  topicArn(name: string): string {
    const { region, accountId } = this.aws;
    return `arn:${partitionOf(region)}:sns:${region}:${accountId}:${name}`;
  }

  async getEncryption(name: string): Promise<TopicEncryptionState> {
    const arn = this.topicArn(name);
    try {
      const out = await this.aws
        .client(SNSClient)
        .send(new GetTopicAttributesCommand({ TopicArn: arn }));
      return {
        name,
        arn,
        found: true,
        kmsMasterKeyId: out.Attributes?.KmsMasterKeyId || undefined,
      };
    } catch (err) {
      if ((err as Error).name === 'NotFoundException') {
        return { name, arn, found: false };
      }
      throw err;
    }
  }
}
