import {
  GetBucketWebsiteCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { AwsClientFactory } from '../aws';

/** S3 buckets of the account (read-only). */
export class S3Source {
  constructor(private readonly aws: AwsClientFactory) {}

  async listBucketNames(): Promise<string[]> {
    const client = this.aws.client(S3Client);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListBucketsCommand({ ContinuationToken: token }),
      );
      names.push(
        ...(page.Buckets ?? []).map(b => b.Name ?? '').filter(Boolean),
      );
      token = page.ContinuationToken;
    } while (token);
    return names;
  }

  /** True when the bucket serves a static website: a deliberately public bucket. */
  async hasWebsite(bucket: string): Promise<boolean> {
    try {
      await this.aws
        .client(S3Client)
        .send(new GetBucketWebsiteCommand({ Bucket: bucket }));
      return true;
    } catch (err) {
      if ((err as Error).name === 'NoSuchWebsiteConfiguration') return false;
      throw err;
    }
  }
}
