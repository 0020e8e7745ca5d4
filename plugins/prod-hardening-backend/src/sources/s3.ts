import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  ListBucketsCommand,
  S3Client,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import { partitionOf, type AwsClientFactory } from '../aws';
import type {
  IntelligentTieringFacts,
  LifecycleRuleFacts,
} from '../checks/intelligentTiering/evaluate';

export type BucketLifecycle = IntelligentTieringFacts['buckets'][number];

function ruleFacts(rule: LifecycleRule): LifecycleRuleFacts {
  const filter = rule.Filter;
  const tags = [filter?.Tag, ...(filter?.And?.Tags ?? [])]
    .filter(t => t !== undefined)
    .map(t => `${t.Key}=${t.Value}`);
  return {
    id: rule.ID,
    enabled: rule.Status === 'Enabled',
    // The rule-level Prefix is the older form of the filter; both may be met.
    prefix: filter?.Prefix ?? filter?.And?.Prefix ?? rule.Prefix,
    tags,
    transitions: (rule.Transitions ?? []).map(t => ({
      storageClass: t.StorageClass ?? '',
      days: t.Days,
      date: t.Date?.toISOString().slice(0, 10),
    })),
    noncurrentExpirationDays: rule.NoncurrentVersionExpiration?.NoncurrentDays,
  };
}

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

  /** Versioning and lifecycle rules of a bucket; `found: false` when it does not exist. */
  async getLifecycle(bucket: string): Promise<BucketLifecycle> {
    const client = this.aws.client(S3Client);
    const arn = `arn:${partitionOf(this.aws.region)}:s3:::${bucket}`;
    let versioning: string | undefined;
    try {
      ({ Status: versioning } = await client.send(
        new GetBucketVersioningCommand({ Bucket: bucket }),
      ));
    } catch (err) {
      if ((err as Error).name === 'NoSuchBucket') {
        return { name: bucket, arn, found: false, rules: [] };
      }
      throw err;
    }
    try {
      const { Rules = [] } = await client.send(
        new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }),
      );
      return {
        name: bucket,
        arn,
        found: true,
        versioning,
        rules: Rules.map(ruleFacts),
      };
    } catch (err) {
      if ((err as Error).name === 'NoSuchLifecycleConfiguration') {
        return { name: bucket, arn, found: true, versioning, rules: [] };
      }
      throw err;
    }
  }
}
